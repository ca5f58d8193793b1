package io.jparallel.engine.requests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds small jars for tests: Java sources compiled with the JDK's compiler. */
final class TestJars {

	private TestJars() {
	}

	/**
	 * A jar of one class compiled from source.
	 * @param work a directory to compile in
	 * @param className the class's binary name, e.g. {@code demo.lib.Greeter}
	 * @param source its source
	 */
	static byte[] jarOf(Path work, String className, String source) {
		try {
			Path sourceFile = work.resolve("src").resolve(className.replace('.', '/') + ".java");
			Files.createDirectories(sourceFile.getParent());
			Files.writeString(sourceFile, source);
			Path classes = Files.createDirectories(work.resolve("classes"));
			JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			int status = compiler.run(null, null, null, "-d", classes.toString(), sourceFile.toString());
			if (status != 0) {
				throw new IllegalStateException("Cannot compile " + className);
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
					jar.write(Files.readAllBytes(file));
					jar.closeEntry();
				}
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
