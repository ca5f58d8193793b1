package io.jparallel.engine.requests;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.GlobalVariable;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

/**
 * Sets the static fields a shipped function reads (JShell top-level variables of the client's session,
 * which JShell keeps as static fields of its wrapper classes) to the values the client sent with it, on
 * the engine's copies of those classes. Only classes the requesting client's own class loader defined
 * (classes fetched from that client) can be set, never the engine's own.
 */
final class ShippedGlobals {

	private ShippedGlobals() {
	}

	/**
	 * Decodes each global's value with {@code loader} and sets it.
	 * @throws IllegalArgumentException naming the variable that cannot be set
	 */
	static void assign(ApplyPayload payload, ClassLoader loader) throws ValueDecodingException {
		List<GlobalVariable> globals = payload.globals();
		for (int i = 0; i < globals.size(); i++) {
			GlobalVariable global = globals.get(i);
			Field field = staticField(global, loader);
			Object value;
			try {
				value = ValueCodec.decode(payload.globalValues().get(i), loader);
			}
			catch (ValueDecodingException ex) {
				throw new ValueDecodingException("the value of variable '" + global.fieldName() + "' ("
						+ global.qualifiedName() + "): " + ex.getMessage(), ex);
			}
			try {
				field.set(null, value);
			}
			catch (IllegalAccessException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("Cannot set variable '" + global.fieldName() + "' ("
						+ global.qualifiedName() + ") to a " + ((value != null) ? value.getClass().getName() : "null")
						+ ": " + ex.getMessage(), ex);
			}
		}
	}

	private static Field staticField(GlobalVariable global, ClassLoader loader) {
		Class<?> type;
		try {
			type = Class.forName(global.className(), false, loader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalArgumentException("Cannot set variable '" + global.fieldName() + "': class "
					+ global.className() + " not found (" + ex.getMessage() + ")", ex);
		}
		if (type.getClassLoader() != loader) {
			throw new IllegalArgumentException("Cannot set " + global.qualifiedName()
					+ ": only classes shipped by the requesting client can be set, not the engine's own");
		}
		Field field;
		try {
			field = type.getDeclaredField(global.fieldName());
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalArgumentException("Cannot set variable '" + global.fieldName() + "': " + global.className()
					+ " has no such field", ex);
		}
		int modifiers = field.getModifiers();
		if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
			throw new IllegalArgumentException("Cannot set " + global.qualifiedName()
					+ ": it is not a non-final static field");
		}
		field.setAccessible(true);
		return field;
	}

}
