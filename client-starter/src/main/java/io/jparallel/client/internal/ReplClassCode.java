package io.jparallel.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;

/**
 * What the methods of one JShell class ({@code REPL.$JShell$N}, or a class declared in a snippet) read and
 * call among JShell classes: per method, the static fields it reads ({@code getstatic}) and the methods it
 * calls or turns into lambdas (including a nested lambda's body). Read once per class from the class file
 * its loader serves, which is what the client's {@code ClassServer} sends engines, and cached.
 */
public final class ReplClassCode {

	/** The package JShell compiles snippets into; its wrapper classes are {@code REPL.$JShell$N}. */
	static final String REPL_PREFIX = "REPL.$JShell$";

	private static final String INTERNAL_REPL_PREFIX = REPL_PREFIX.replace('.', '/');

	private static final ClassValue<ReplClassCode> CACHE = new ClassValue<>() {
		@Override
		protected ReplClassCode computeValue(Class<?> type) {
			return scan(type);
		}
	};

	private static final ReplClassCode NONE = new ReplClassCode(Map.of());

	private final Map<String, MethodCode> methods;

	private ReplClassCode(Map<String, MethodCode> methods) {
		this.methods = methods;
	}

	/** The code of a JShell class (nothing for any other class, or one whose class file cannot be read). */
	public static ReplClassCode of(Class<?> type) {
		return isReplClass(type.getName()) ? CACHE.get(type) : NONE;
	}

	/** Whether a binary class name names a class JShell compiled. */
	public static boolean isReplClass(String className) {
		return className.startsWith(REPL_PREFIX);
	}

	/** A method declared by this class, by name and descriptor, or {@code null}. */
	public MethodCode method(String name, String descriptor) {
		return this.methods.get(name + descriptor);
	}

	/** Every method this class declares, by name and descriptor. */
	public Map<String, MethodCode> methods() {
		return this.methods;
	}

	/**
	 * What one method uses of JShell classes.
	 * @param staticReads the static fields it reads
	 * @param calls the methods it calls, and the bodies of the lambdas it creates
	 */
	public record MethodCode(Set<FieldRef> staticReads, Set<MethodRef> calls) {

		public MethodCode {
			staticReads = Set.copyOf(staticReads);
			calls = Set.copyOf(calls);
		}

	}

	/** A field of a JShell class, by its class's binary name. */
	public record FieldRef(String owner, String name) {
	}

	/** A method (or constructor) of a JShell class, by its class's binary name. */
	public record MethodRef(String owner, String name, String descriptor) {
	}

	private static ReplClassCode scan(Class<?> type) {
		ClassLoader loader = type.getClassLoader();
		String resource = type.getName().replace('.', '/') + ".class";
		try (InputStream in = (loader != null) ? loader.getResourceAsStream(resource) : null) {
			if (in == null) {
				return NONE;
			}
			Map<String, MethodCode> methods = new HashMap<>();
			new ClassReader(in.readAllBytes()).accept(new ClassScanner(methods), ClassReader.SKIP_DEBUG
					| ClassReader.SKIP_FRAMES);
			return new ReplClassCode(Map.copyOf(methods));
		}
		catch (IOException | RuntimeException ex) {
			return NONE;
		}
	}

	private static boolean isReplOwner(String internalName) {
		return internalName.startsWith(INTERNAL_REPL_PREFIX);
	}

	private static String binaryName(String internalName) {
		return internalName.replace('/', '.');
	}

	private static final class ClassScanner extends ClassVisitor {

		private final Map<String, MethodCode> methods;

		ClassScanner(Map<String, MethodCode> methods) {
			super(SpringAsmInfo.ASM_VERSION);
			this.methods = methods;
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			return new MethodScanner(code -> this.methods.put(name + descriptor, code));
		}

	}

	private static final class MethodScanner extends MethodVisitor {

		private final Consumer<MethodCode> done;

		private final Set<FieldRef> staticReads = new LinkedHashSet<>();

		private final Set<MethodRef> calls = new LinkedHashSet<>();

		MethodScanner(Consumer<MethodCode> done) {
			super(SpringAsmInfo.ASM_VERSION);
			this.done = done;
		}

		@Override
		public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
			if (opcode == Opcodes.GETSTATIC && isReplOwner(owner)) {
				this.staticReads.add(new FieldRef(binaryName(owner), name));
			}
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			if (isReplOwner(owner)) {
				this.calls.add(new MethodRef(binaryName(owner), name, descriptor));
			}
		}

		@Override
		public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
			for (Object argument : arguments) {
				if (argument instanceof Handle handle && isReplOwner(handle.getOwner())) {
					this.calls.add(new MethodRef(binaryName(handle.getOwner()), handle.getName(), handle.getDesc()));
				}
			}
		}

		@Override
		public void visitLdcInsn(Object value) {
			if (value instanceof Handle handle && isReplOwner(handle.getOwner())) {
				this.calls.add(new MethodRef(binaryName(handle.getOwner()), handle.getName(), handle.getDesc()));
			}
		}

		@Override
		public void visitEnd() {
			this.done.accept(new MethodCode(this.staticReads, this.calls));
		}

	}

}
