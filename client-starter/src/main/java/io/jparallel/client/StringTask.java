package io.jparallel.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.lang.model.SourceVersion;

/**
 * Java code for some engine to run (the seeds' {@code StringTask}), with values pushed into the
 * engine's namespace before it runs and names pulled out after; run it with {@link LoadBalancedView#run}.
 * <pre>{@code
 * StringTask task = StringTask.of("var y = x * 2;").push(Map.of("x", 21)).pull("y").clearBefore().clearAfter();
 * Map<String, Object> pulled = lview.run(task).get();     // {y=42}
 * }</pre>
 * Immutable: each method gives a changed copy.
 */
public final class StringTask {

	private final String code;

	private final Map<String, Object> pushed;

	private final List<String> pulled;

	private final boolean clearsBefore;

	private final boolean clearsAfter;

	private StringTask(String code, Map<String, Object> pushed, List<String> pulled, boolean clearsBefore,
			boolean clearsAfter) {
		this.code = code;
		this.pushed = Collections.unmodifiableMap(pushed);
		this.pulled = List.copyOf(pulled);
		this.clearsBefore = clearsBefore;
		this.clearsAfter = clearsAfter;
	}

	/** A task running {@code code} (JShell snippets, as {@code execute} takes). */
	public static StringTask of(String code) {
		Objects.requireNonNull(code, "code must not be null");
		return new StringTask(code, new LinkedHashMap<>(), List.of(), false, false);
	}

	/** Also sets these variables (values may be {@code null}) before the code runs. */
	public StringTask push(Map<String, ?> values) {
		Map<String, Object> all = new LinkedHashMap<>(this.pushed);
		values.forEach((name, value) -> all.put(checkName(name), value));
		return new StringTask(this.code, all, this.pulled, this.clearsBefore, this.clearsAfter);
	}

	/** Also reads these variables after the code ran. */
	public StringTask pull(String... names) {
		List<String> all = new ArrayList<>(this.pulled);
		for (String name : Arrays.asList(names)) {
			if (!all.contains(checkName(name))) {
				all.add(name);
			}
		}
		return new StringTask(this.code, this.pushed, all, this.clearsBefore, this.clearsAfter);
	}

	/** Runs in a fresh namespace. */
	public StringTask clearBefore() {
		return new StringTask(this.code, this.pushed, this.pulled, true, this.clearsAfter);
	}

	/** Leaves a fresh namespace behind. */
	public StringTask clearAfter() {
		return new StringTask(this.code, this.pushed, this.pulled, this.clearsBefore, true);
	}

	public String code() {
		return this.code;
	}

	/** The variables set before the code runs, in order. */
	public Map<String, Object> pushed() {
		return this.pushed;
	}

	/** The variables read after the code ran, in order. */
	public List<String> pulled() {
		return this.pulled;
	}

	public boolean clearsBefore() {
		return this.clearsBefore;
	}

	public boolean clearsAfter() {
		return this.clearsAfter;
	}

	private static String checkName(String name) {
		if (name == null || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
			throw new IllegalArgumentException("Not a Java variable name: '" + name + "'");
		}
		return name;
	}

	@Override
	public String toString() {
		return "StringTask[" + this.code.strip() + ", push " + this.pushed.keySet() + ", pull " + this.pulled
				+ (this.clearsBefore ? ", clear before" : "") + (this.clearsAfter ? ", clear after" : "") + "]";
	}

}
