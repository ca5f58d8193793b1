package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the Java runtime a {@code java} executable belongs to, read from the {@code release} file
 * of its installation ({@code JAVA_VERSION="17.0.15"}), so that options only newer runtimes know are given
 * only to them.
 *
 * @param feature the feature release (17, 21, 25)
 * @param update the update release (15 in 17.0.15), 0 if none
 */
public record JavaRelease(int feature, int update) {

	private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)(?:\\.\\d+\\.(\\d+))?[^\"]*\"");

	/** The release of the installation {@code java} is in ({@code <home>/bin/java}), if its file says. */
	public static Optional<JavaRelease> of(Path java) {
		Path bin = real(java).getParent();
		Path home = (bin != null) ? bin.getParent() : null;
		if (home == null) {
			return Optional.empty();
		}
		try {
			return parse(Files.readString(home.resolve("release")));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Through links such as {@code /usr/bin/java} to the installation's own file. */
	private static Path real(Path java) {
		try {
			return java.toRealPath();
		}
		catch (IOException ex) {
			return java.toAbsolutePath();
		}
	}

	static Optional<JavaRelease> parse(String releaseFile) {
		Matcher matcher = VERSION.matcher(releaseFile);
		if (!matcher.find()) {
			return Optional.empty();
		}
		int update = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		return Optional.of(new JavaRelease(Integer.parseInt(matcher.group(1)), update));
	}

	/**
	 * Whether the runtime has {@code -XX:TrimNativeHeapInterval} (JDK 22, back-ported to 21.0.1 and 17.0.9):
	 * an older one refuses to start with an option it does not know.
	 */
	public boolean trimsNativeHeap() {
		return this.feature >= 22 || (this.feature == 21 && this.update >= 1) || (this.feature == 17 && this.update >= 9);
	}

}
