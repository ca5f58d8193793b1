package io.jparallel.protocol.value;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.jparallel.protocol.function.Lambdas;

/**
 * A serializable lambda or method reference that captures nothing, written as the nine names of its
 * {@link SerializedLambda} and its method kind instead of through Java serialization: Java serialization
 * writes {@code SerializedLambda}'s class description with every field's name and type besides (686 bytes for
 * {@code (a, b) -> a * b} declared in a class with a short name, 280 here), and a map sends its function with
 * every task, to be signed, carried, persisted and audited each time. The engine resolves it as Java
 * deserialization does, through the capturing class's {@code $deserializeLambda$}, which accepts only the
 * lambdas that class declares.
 * <p>
 * Lambdas that capture values, and those of classes in named modules (whose {@code $deserializeLambda$} this
 * module cannot call), are left to Java serialization.
 */
final class LambdaCodec {

	/** The value tag (see {@link ValueCodec}). */
	static final byte TAG = 20;

	private LambdaCodec() {
	}

	/** The compact form of {@code value}, or {@code null} if it is not a lambda this codec writes. */
	static byte[] encode(Object value) {
		Class<?> type = value.getClass();
		if (!type.isSynthetic() || !type.getName().contains("$$Lambda") || type.getModule().isNamed()) {
			return null;
		}
		SerializedLambda lambda = Lambdas.serializedForm(value);
		if (lambda == null || lambda.getCapturedArgCount() != 0) {
			return null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(320);
		bytes.write(TAG);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeUTF(lambda.getCapturingClass());
			out.writeUTF(lambda.getFunctionalInterfaceClass());
			out.writeUTF(lambda.getFunctionalInterfaceMethodName());
			out.writeUTF(lambda.getFunctionalInterfaceMethodSignature());
			out.writeByte(lambda.getImplMethodKind());
			out.writeUTF(lambda.getImplClass());
			out.writeUTF(lambda.getImplMethodName());
			out.writeUTF(lambda.getImplMethodSignature());
			out.writeUTF(lambda.getInstantiatedMethodType());
		}
		catch (IOException ex) {
			return null;
		}
		return bytes.toByteArray();
	}

	/**
	 * The lambda {@code bytes} (from {@link #encode}) name, made by its capturing class, which is loaded through
	 * {@code classLoader} (the context class loader's if {@code null}).
	 * @throws ValueDecodingException if it is malformed, its class cannot be found, or that class declares no
	 * such lambda
	 */
	static Object decode(byte[] bytes, ClassLoader classLoader) throws ValueDecodingException {
		String capturingClass;
		SerializedLambda lambda;
		ClassLoader loader = (classLoader != null) ? classLoader : contextLoader();
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			capturingClass = in.readUTF().replace('/', '.');
			Class<?> capturing = Class.forName(capturingClass, false, loader);
			lambda = new SerializedLambda(capturing, in.readUTF(), in.readUTF(), in.readUTF(), in.readUnsignedByte(),
					in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), new Object[0]);
			if (in.available() != 0) {
				throw new ValueDecodingException("lambda value with " + in.available() + " bytes after its names");
			}
			Method deserialize = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
			deserialize.setAccessible(true);
			return deserialize.invoke(null, lambda);
		}
		catch (ClassNotFoundException ex) {
			throw new ValueDecodingException("class not found: " + ex.getMessage(), ex);
		}
		catch (NoSuchMethodException ex) {
			throw new ValueDecodingException("cannot deserialize value: its class declares no serializable lambda", ex);
		}
		catch (InvocationTargetException ex) {
			throw new ValueDecodingException("cannot deserialize value: " + ex.getCause(), ex.getCause());
		}
		catch (IOException | ReflectiveOperationException | RuntimeException ex) {
			throw new ValueDecodingException("cannot deserialize value: " + ex, ex);
		}
	}

	private static ClassLoader contextLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : LambdaCodec.class.getClassLoader();
	}

}
