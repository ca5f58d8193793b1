package io.jparallel.protocol.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PrivateRabbitNodeIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void nodeCarriesMessagesAndLeavesNothingBehindWhenStopped() throws Exception {
		// GIVEN a started node
		PrivateRabbitNode node = PrivateRabbitNode.start(this.dataDir);
		List<ProcessHandle> processes = node.processes();
		int epmdPort = node.record().epmdPort();
		try {
			assertThat(node.isRunning()).isTrue();
			assertThat(node.uri()).isEqualTo("amqp://jp-admin:" + node.adminPassword() + "@127.0.0.1:" + node.port());
			assertThat(node.adminPassword()).hasSizeGreaterThanOrEqualTo(32);
			assertThat(node.nodeName()).isEqualTo("jp" + node.port() + "@localhost");
			assertThat(processes).extracting(p -> p.info().command().orElse(""))
				.anyMatch(command -> command.endsWith("beam.smp"));
			// the node runs with its smaller tables and allocator carriers (its idle memory); beam.smp is handed
			// erl's "+" flags as "-"
			assertThat(processes).extracting(p -> String.join(" ", p.info().arguments().orElse(new String[0])))
				.anyMatch(arguments -> arguments.contains("-P " + PrivateRabbitNode.MAX_ERLANG_PROCESSES + " ")
						&& arguments.contains("-t " + PrivateRabbitNode.MAX_ATOMS + " ")
						&& arguments.contains(PrivateRabbitNode.MEMORY_ERL_ARGS.replace('+', '-')));
			// ... and distributed from its boot (RabbitMQ then boots no second VM to start epmd); the JDK's
			// process info cuts a command line this long short, /proc does not
			assertThat(processes).extracting(PrivateRabbitNodeIntegrationTests::commandLine)
				.anyMatch(arguments -> arguments.contains(" -sname " + node.nodeName() + " "));

			// WHEN a message goes through a queue
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(node.uri());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				String queue = channel.queueDeclare("", false, true, true, null).getQueue();
				channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
				GetResponse response = await().atMost(Duration.ofSeconds(5))
					.until(() -> channel.basicGet(queue, true), r -> r != null);

				// THEN it arrives unchanged
				assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
			}
		}
		finally {
			node.stop();
		}

		// THEN stopping leaves no process, no listening port and no record
		assertThat(processes).noneMatch(ProcessTrees::isRunning);
		assertThat(FreePorts.isListening(node.port())).isFalse();
		assertThat(FreePorts.isListening(node.record().distPort())).isFalse();
		assertThat(FreePorts.isListening(epmdPort)).isFalse();
		assertThat(node.isRunning()).isFalse();
		assertThat(PrivateRabbitNode.find(this.dataDir)).isEmpty();
	}

	@Test
	void nodeStartedByOneCallerCanBeFoundAndStoppedFromItsDataDirectory() {
		PrivateRabbitNode node = PrivateRabbitNode.start(this.dataDir);
		List<ProcessHandle> processes = node.processes();

		assertThat(PrivateRabbitNode.find(this.dataDir)).hasValueSatisfying(found -> {
			assertThat(found.pid()).isEqualTo(node.pid());
			assertThat(found.port()).isEqualTo(node.port());
		});
		assertThat(PrivateRabbitNode.stop(this.dataDir)).isTrue();

		assertThat(processes).noneMatch(ProcessTrees::isRunning);
		assertThat(FreePorts.isListening(node.port())).isFalse();
		assertThat(PrivateRabbitNode.find(this.dataDir)).isEmpty();
	}


	@Test
	void nodeLaunchedWithABootUserLetsItInAtOnceWithItsPermissionsOnlyAndHasNoManagementPlugin() throws Exception {
		// GIVEN a node launched with a user of its own virtual host, allowed only names starting "own."
		BootUser user = new BootUser("jp-boot", "s3cret-" + System.nanoTime(), "jp-boot", "^own\\..*",
				"(^own\\..*)|^amq\\.default$", "^own\\..*");
		PrivateRabbitNode node = PrivateRabbitNode.launch(this.dataDir, List.of(), List.of(user));
		try {
			node.awaitStarted(PrivateRabbitNode.DEFAULT_START_TIMEOUT);

			// THEN no management plugin runs, and the administrator still has its virtual host
			assertThat(node.managementUrl()).isNull();
			ConnectionFactory admin = new ConnectionFactory();
			admin.setUri(node.uri());
			try (Connection connection = admin.newConnection()) {
				assertThat(connection.isOpen()).isTrue();
			}

			// WHEN the user connects to its virtual host as soon as the node is up
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost("127.0.0.1");
			factory.setPort(node.port());
			factory.setUsername(user.name());
			factory.setPassword(user.password());
			factory.setVirtualHost(user.vhost());
			try (Connection connection = factory.newConnection()) {
				// THEN it may declare its own names and use them
				Channel channel = connection.createChannel();
				channel.queueDeclare("own.q", false, false, true, null);
				channel.basicPublish("", "own.q", null, "boot".getBytes(StandardCharsets.UTF_8));
				GetResponse response = await().atMost(Duration.ofSeconds(5))
					.until(() -> channel.basicGet("own.q", true), r -> r != null);
				assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("boot");

				// AND is refused any other name
				Channel other = connection.createChannel();
				assertThatThrownBy(() -> other.queueDeclare("other.q", false, false, true, null))
					.hasStackTraceContaining("ACCESS_REFUSED");
			}

			// AND a wrong password is refused
			factory.setPassword("wrong");
			assertThatThrownBy(factory::newConnection).isNotNull();
		}
		finally {
			node.stop();
		}
		assertThat(this.dataDir.resolve("enabled_plugins")).content().isEqualTo("[].\n");
	}

	private static String commandLine(ProcessHandle process) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

}
