package io.jparallel.engine.properties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;

/**
 * The properties this engine publishes, for tasks to require ({@code Task.depend(properties)} in the
 * seeds): those configured as {@code jparallel.engine.properties.<key>=<value>}, plus built-ins the
 * engine adds unless configured: {@value #HOSTNAME}, {@value #CORES} (available processors),
 * {@value #OS} ({@code os.name}, lower case) and {@value #JAVA} (the Java feature version). Clients
 * change them with a {@code properties_request} (see {@link PropertiesRequests}). Thread-safe.
 */
@Component
public class PublishedProperties {

	public static final String HOSTNAME = "hostname";

	public static final String CORES = "cores";

	public static final String OS = "os";

	public static final String JAVA = "java";

	private final Map<String, String> properties = new TreeMap<>();

	@Autowired
	public PublishedProperties(EngineProperties configuration) {
		this(configuration.getProperties(), builtIns());
	}

	/**
	 * @param configured the configured properties
	 * @param builtIns the built-in properties, added where not configured
	 */
	public PublishedProperties(Map<String, String> configured, Map<String, String> builtIns) {
		this.properties.putAll(builtIns);
		configured.forEach((key, value) -> {
			if (key != null && value != null) {
				this.properties.put(key, value);
			}
		});
	}

	/** The built-in properties of this JVM and host. */
	public static Map<String, String> builtIns() {
		Map<String, String> builtIns = new LinkedHashMap<>();
		builtIns.put(HOSTNAME, hostname());
		builtIns.put(CORES, String.valueOf(Runtime.getRuntime().availableProcessors()));
		builtIns.put(OS, System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT));
		builtIns.put(JAVA, String.valueOf(Runtime.version().feature()));
		return builtIns;
	}

	/** The whole map, keys sorted. */
	public synchronized Map<String, String> snapshot() {
		return new TreeMap<>(this.properties);
	}

	/**
	 * Sets properties; a {@code null} value removes the key.
	 * @param changes the keys to set or remove
	 * @return whether anything changed
	 * @throws IllegalArgumentException if a key is blank (nothing is changed then)
	 */
	public synchronized boolean change(Map<String, String> changes) {
		for (String key : changes.keySet()) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("A property key must not be blank");
			}
		}
		Map<String, String> before = new TreeMap<>(this.properties);
		changes.forEach((key, value) -> {
			if (value == null) {
				this.properties.remove(key);
			}
			else {
				this.properties.put(key, value);
			}
		});
		return !before.equals(this.properties);
	}

	private static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
