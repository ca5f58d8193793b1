package io.jparallel.protocol.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BulkReferenceTests {

	@Test
	void referenceReadsBackAsWritten() {
		byte[] hmac = new byte[BulkDigest.LENGTH];
		hmac[3] = 7;
		BulkReference reference = new BulkReference("10.0.0.5", 41234, "tok_en-1", 104857601, hmac);

		BulkReference parsed = BulkReference.parse(reference.toString());

		assertThat(reference.toString()).startsWith("bulk://10.0.0.5:41234/tok_en-1?size=104857601&hmac=00000007");
		assertThat(parsed.host()).isEqualTo("10.0.0.5");
		assertThat(parsed.port()).isEqualTo(41234);
		assertThat(parsed.token()).isEqualTo("tok_en-1");
		assertThat(parsed.size()).isEqualTo(104857601);
		assertThat(parsed.hmac()).isEqualTo(hmac);
	}

	@Test
	void ipv6HostsAreBracketed() {
		BulkReference parsed = BulkReference.parse(new BulkReference("::1", 9, "t", -1, null).toString());

		assertThat(parsed.host()).isEqualTo("::1");
		assertThat(parsed.hmac()).isNull();
		assertThat(parsed.size()).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/b", "a b", "a.b", "é", "a?b", "[", "`", "{" })
	void aTokenOutsideItsAlphabetIsRefused(String token) {
		assertThatIllegalArgumentException().isThrownBy(() -> new BulkReference("h", 1, token, 1, null))
			.withMessageContaining("token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "Z", "0", "9", "_", "-", "AZaz09_-", "x2ZSxGqT1oNjFjPv7yW0Ewmn" })
	void aTokenOfItsAlphabetIsTaken(String token) {
		assertThat(new BulkReference("h", 1, token, 1, null).token()).isEqualTo(token);
	}

	@Test
	void textThatIsNotAReferenceIsRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> BulkReference.parse("http://h:1/t?size=1"))
			.withMessageContaining("Not a bulk reference");
		assertThatIllegalArgumentException().isThrownBy(() -> BulkReference.parse("bulk://h:1/t?size=x"))
			.withMessageContaining("Bad size");
		assertThatIllegalArgumentException().isThrownBy(() -> new BulkReference("h", 1, "a/b", 1, null))
			.withMessageContaining("token");
		assertThatIllegalArgumentException().isThrownBy(() -> new BulkReference("h", 1, "t", 1, new byte[3]))
			.withMessageContaining("hmac");
	}

}
