package io.jparallel.launcher.e2e;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The hub's dashboard in a real browser: a 4-engine cluster started with {@code jpcluster start -n 4} under a
 * steady stream of load-balanced tasks, the page ({@code /dashboard}) opened in Debian's headless Chromium
 * through its chromedriver (Selenium Manager never runs: the driver and browser are given). The page must
 * show 4 engines, a task rate above zero, latency, and a task that threw under recent failures; its
 * screenshot is saved to {@code launcher/target/dashboard.png} (and to {@code docs/images/dashboard.png} with
 * {@code JPARALLEL_UPDATE_DOCS=1}). Then every service's {@code /actuator/prometheus}
 * must serve its JParallel meters, and, once the cluster is stopped, the page must say it is disconnected.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Seconds of load the rate chart must show before the screenshot. */
	private static final int CHART_SECONDS = 30;

	private final Path home = Path.of("").toAbsolutePath().getParent();

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicBoolean loading = new AtomicBoolean(true);

	private final AtomicLong tasksDone = new AtomicLong();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).withoutWaitingForEngines().build();

	private Thread load;

	private ChromeDriver browser;

	private Path browserProfile;

	@BeforeAll
	void startLoadAndBrowser() throws Exception {
		this.load = new Thread(this::steadyLoad, "dashboard-test-load");
		this.load.setDaemon(true);
		this.load.start();
		this.browserProfile = Files.createTempDirectory("jparallel-dashboard-chromium");
		this.browser = chromium(this.browserProfile);
	}

	/** Load-balanced maps of 16 short tasks, one after the other, for as long as the tests run. */
	private void steadyLoad() {
		LoadBalancedView lview = CLUSTER.client().loadBalancedView();
		Fn1<Integer, Integer> work = x -> {
			Thread.sleep(15);
			return x * x;
		};
		List<Integer> xs = IntStream.range(0, 16).boxed().toList();
		while (this.loading.get()) {
			try {
				this.tasksDone.addAndGet(lview.mapSync(work, xs).size());
			}
			catch (RuntimeException ex) {
				if (this.loading.get()) {
					System.out.println("Dashboard test load: " + ex);
				}
			}
		}
	}

	/** Debian's chromium, headless, through Debian's chromedriver, with a fresh profile and no network chatter. */
	private static ChromeDriver chromium(Path profile) {
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1440,880",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	@AfterAll
	void stopLoadAndBrowser() throws Exception {
		this.loading.set(false);
		if (this.load != null) {
			this.load.join(Duration.ofSeconds(30).toMillis());
		}
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.browserProfile != null) {
			deleteQuietly(this.browserProfile);
		}
	}

	@Test
	@Order(1)
	void pageShowsTheFourEnginesATaskRateLatencyAndAFailedTask() throws Exception {
		this.browser.get(hubUrl() + "/dashboard");

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			assertThat(byId("status").getDomAttribute("data-state")).isEqualTo("connected");
			assertThat(number("engines-registered")).isEqualTo(4);
			assertThat(attributes("#engine-rows tr[data-state='registered']", "data-engine-id"))
				.containsExactlyInAnyOrder("0", "1", "2", "3");
			assertThat(number("tasks-per-second")).isGreaterThan(0);
			assertThat(number("latency-p50")).isPositive();
		});

		Fn0<Integer> fails = () -> {
			throw new IllegalStateException("the dashboard should list this one");
		};
		AsyncResult<Integer> failed = CLUSTER.client().loadBalancedView().applyAsync(fails);
		assertThatThrownBy(failed::get).hasMessageContaining("the dashboard should list this one");
		String msgId = failed.msgIds().get(0);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			String row = "#failure-rows tr[data-msg-id='" + msgId + "']";
			assertThat(attributes(row, "data-ename")).as("failures listed")
				.containsExactly("java.lang.IllegalStateException");
			assertThat(texts(row)).singleElement().asString().contains("the dashboard should list this one");
			assertThat(number("total-failed")).isGreaterThanOrEqualTo(1);
		});

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(number("rate-chart", "data-points")).isGreaterThanOrEqualTo(CHART_SECONDS);
			assertThat(number("tasks-per-second")).isGreaterThan(0);
		});
		Path screenshot = this.home.resolve("launcher/target/dashboard.png");
		Files.createDirectories(screenshot.getParent());
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
		if ("1".equals(System.getenv("JPARALLEL_UPDATE_DOCS"))) {
			Files.copy(screenshot, this.home.resolve("docs/images/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
		}
		System.out.println("Dashboard figures: engines registered=" + text("engines-registered") + ", engine ids="
				+ attributes("#engine-rows tr[data-engine-id]", "data-engine-id") + ", tasks/s="
				+ text("tasks-per-second") + " (10 s: " + text("tasks-per-second-10s") + "/s), latency p50="
				+ text("latency-p50") + " p95=" + text("latency-p95") + ", completed=" + text("total-completed")
				+ ", failed=" + text("total-failed") + ", failure listed: " + msgId + "; test load ran "
				+ this.tasksDone.get() + " tasks; screenshot " + screenshot);
	}

	@Test
	@Order(2)
	void hubServesItsTaskMetersToPrometheus() throws Exception {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			String now = prometheus(hubUrl());
			assertThat(value(now, "jparallel_tasks_failed_total")).as("the failed task, once audited").isPositive();
		});
		String metrics = prometheus(hubUrl());
		assertThat(value(metrics, "jparallel_tasks_completed_total")).isPositive();
		assertThat(value(metrics, "jparallel_task_latency_seconds_count{status=\"ok\"}")).isPositive();
		assertThat(value(metrics, "jparallel_engines_registered")).isEqualTo(4);
		// the hub reads its own beat back within a period or so of sending it (1 s), far from the 5 s timeout
		assertThat(value(metrics, "jparallel_heartbeat_lag_seconds")).isBetween(0.0, 4.0);
		assertThat(metrics).contains("jparallel_queue_depth{queue=\"audit\"}")
			.contains("jparallel_messages_rejected_total{reason=\"bad_signature\"}");
		assertThat(value(metrics, "jparallel_messages_accepted_total")).isPositive();
	}

	@Test
	@Order(3)
	void schedulerServesItsRoutingAndTaskMetersToPrometheus() throws Exception {
		String metrics = prometheus(eurekaUrls("SCHEDULER-SERVICE", 1).get(0));
		assertThat(value(metrics, "jparallel_scheduler_requests_total{route=\"load_balanced\"}")).isPositive();
		assertThat(value(metrics, "jparallel_scheduler_tasks_total{event=\"placed\",scheme=\"leastload\"}")).isPositive();
		assertThat(value(metrics, "jparallel_scheduler_tasks_total{event=\"failed\",scheme=\"leastload\"}")).isPositive();
		assertThat(value(metrics, "jparallel_scheduler_engines")).isEqualTo(4);
		assertThat(metrics).contains("jparallel_scheduler_tasks_held{scheme=\"leastload\"}")
			.contains("jparallel_messages_rejected_total{reason=\"malformed\"}");
	}

	@Test
	@Order(4)
	void enginesServeTheirRequestMetersToPrometheus() throws Exception {
		List<String> engines = eurekaUrls("ENGINE-SERVICE", 4);
		assertThat(engines).hasSize(4);
		double applied = 0;
		for (String engine : engines) {
			String metrics = prometheus(engine);
			assertThat(metrics).contains("jparallel_engine_requests_seconds_bucket{")
				.contains("jparallel_engine_requests_in_hand")
				.contains("jparallel_engine_requests_aborted_total")
				.contains("jparallel_messages_rejected_total{reason=\"replayed\"}");
			applied += value(metrics, "jparallel_engine_requests_seconds_count{status=\"ok\",type=\"apply\"}");
		}
		assertThat(applied).as("apply requests the 4 engines ran").isGreaterThan(CHART_SECONDS);
	}

	@Test
	@Order(5)
	void registryServesItsInstanceMetersToPrometheus() throws Exception {
		String registry = CLUSTER.process().connectionInfo().registryUrl().replaceFirst("/eureka/?$", "");
		// the registry starts in the background (niced): it may not listen yet, or not list every engine yet
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			String metrics = prometheus(registry);
			assertThat(value(metrics, "jparallel_registry_engines")).isEqualTo(4);
			assertThat(value(metrics, "jparallel_registry_instances")).isGreaterThanOrEqualTo(6);
		});
	}

	@Test
	@Order(6)
	void pageSaysDisconnectedOnceTheHubIsGone() throws Exception {
		this.loading.set(false);
		this.load.join(Duration.ofSeconds(30).toMillis());
		assertThat(CLUSTER.process().run("stop").exitCode()).isZero();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(
				() -> assertThat(byId("status").getDomAttribute("data-state")).isEqualTo("disconnected"));
		System.out.println("Dashboard after jpcluster stop: " + text("status-text"));
	}

	private String hubUrl() {
		return CLUSTER.process().connectionInfo().hubUrl().replaceFirst("/$", "");
	}

	/**
	 * An attribute of every element a selector finds, read in one script: the page redraws its tables every
	 * second, so elements found one call earlier may be gone.
	 */
	private List<String> attributes(String selector, String attribute) {
		Object values = this.browser.executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
				selector, attribute);
		return ((List<?>) values).stream().map(String::valueOf).toList();
	}

	/** The text of every element a selector finds, read in one script. */
	private List<String> texts(String selector) {
		Object values = this.browser.executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText);", selector);
		return ((List<?>) values).stream().map(String::valueOf).toList();
	}

	private WebElement byId(String id) {
		return this.browser.findElement(By.id(id));
	}

	private String text(String id) {
		return byId(id).getText();
	}

	/** An element's {@code data-value} (or another attribute) as a number; NaN if it has none. */
	private double number(String id) {
		return number(id, "data-value");
	}

	private double number(String id, String attribute) {
		String value = byId(id).getDomAttribute(attribute);
		return (value == null || value.isBlank()) ? Double.NaN : Double.parseDouble(value);
	}

	private String prometheus(String baseUrl) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s/actuator/prometheus", baseUrl).isEqualTo(200);
		return response.body();
	}

	/** The value of one sample ({@code name} or {@code name{labels}} exactly as Prometheus prints it). */
	private static double value(String metrics, String sample) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
		assertThat(matcher.find()).as("sample %s in:%n%s", sample, jparallelLines(metrics)).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private static String jparallelLines(String metrics) {
		return String.join("\n", metrics.lines().filter(line -> line.startsWith("jparallel_")).toList());
	}

	/**
	 * Base URLs of the instances of an application that are up in Eureka, once there are at least {@code count}:
	 * the registry starts in the background (niced), so it may not listen yet.
	 */
	private List<String> eurekaUrls(String application, int count) {
		List<String> urls = new ArrayList<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			urls.clear();
			urls.addAll(listedUrls(application));
			assertThat(urls).hasSizeGreaterThanOrEqualTo(count);
		});
		return urls;
	}

	private List<String> listedUrls(String application) throws Exception {
		ConnectionInfo info = CLUSTER.process().connectionInfo();
		HttpRequest request = HttpRequest.newBuilder(URI.create(info.registryUrl() + "apps/" + application))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode instances = JSON.readTree(response.body()).path("application").path("instance");
		List<JsonNode> all = new ArrayList<>();
		if (instances.isArray()) {
			instances.forEach(all::add);
		}
		else if (instances.isObject()) {
			all.add(instances);
		}
		return all.stream()
			.filter(instance -> "UP".equals(instance.path("status").asString()))
			.map(instance -> "http://127.0.0.1:" + instance.get("port").get("$").asInt())
			.toList();
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (java.io.IOException ex) {
			// a temporary directory; the OS cleans up
		}
	}

}
