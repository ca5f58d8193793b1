package io.jparallel.protocol.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BootLogTests {

	@TempDir
	Path dir;

	@Test
	void findsTheMarkerFarBehindThousandsOfRefusedLoginsAndAcrossReads() throws Exception {
		Path log = this.dir.resolve("node.log");
		BootLog boot = new BootLog();
		Files.writeString(log, "starting\nServer startup comp");
		assertThat(boot.saysBootCompleted(log)).isFalse();

		StringBuilder more = new StringBuilder("lete; 3 plugins started.\n");
		for (int i = 0; i < 40_000; i++) {
			more.append("[error] <0.").append(i).append(".0> PLAIN login refused: user 'jp-x' - invalid credentials\n");
		}
		Files.writeString(log, more, StandardOpenOption.APPEND);

		assertThat(boot.saysBootCompleted(log)).isTrue();
	}

	@Test
	void aLogWithoutTheMarkerIsNotCompletedAndIsReadOnlyOnce() throws Exception {
		Path log = this.dir.resolve("node.log");
		Files.writeString(log, "starting\n".repeat(10_000));
		BootLog boot = new BootLog();

		assertThat(boot.saysBootCompleted(log)).isFalse();
		assertThat(boot.saysBootCompleted(log)).isFalse();
		Files.writeString(log, "Server startup complete; 3 plugins started.\n", StandardOpenOption.APPEND);
		assertThat(boot.saysBootCompleted(log)).isTrue();
	}

}
