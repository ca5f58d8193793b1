package io.jparallel.launcher.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalScreenshotTests {

	@Test
	void ansiColoursBecomeSpansAndTextIsEscaped() {
		String html = TerminalScreenshot.html("\u001b[1m\u001b[32mIn [1]: \u001b[0m%px a < b\n\u001b[36m[stdout:0]\u001b[39m x");

		assertThat(html).contains("<span style=\"font-weight:bold;\"></span>"
				+ "<span style=\"color:#8ae234;font-weight:bold;\">In [1]: </span>%px a &lt; b\n"
				+ "<span style=\"color:#34e2e2;\">[stdout:0]</span> x</pre>");
	}

}
