package io.jparallel.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageTypeTests {

	@Test
	void everyRequestTypeIsAnsweredByItsReplyType() {
		assertThat(MessageType.replyTo(MessageType.EXECUTE_REQUEST)).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(MessageType.replyTo(MessageType.APPLY_REQUEST)).isEqualTo(MessageType.APPLY_REPLY);
		assertThat(MessageType.replyTo(MessageType.PUSH_REQUEST)).isEqualTo(MessageType.PUSH_REPLY);
		assertThat(MessageType.replyTo(MessageType.PULL_REQUEST)).isEqualTo(MessageType.PULL_REPLY);
		assertThat(MessageType.replyTo(MessageType.REGISTRATION_REQUEST)).isEqualTo(MessageType.REGISTRATION_REPLY);
		assertThat(MessageType.replyTo(MessageType.ENGINE_LIST_REQUEST)).isEqualTo(MessageType.ENGINE_LIST_REPLY);
		assertThat(MessageType.replyTo(MessageType.CLASS_REQUEST)).isEqualTo(MessageType.CLASS_REPLY);
	}

	@Test
	void aTypeThatIsNotARequestHasNoReplyType() {
		assertThatIllegalArgumentException().isThrownBy(() -> MessageType.replyTo(MessageType.HEARTBEAT))
			.withMessageContaining("heartbeat");
		assertThatIllegalArgumentException().isThrownBy(() -> MessageType.replyTo(MessageType.APPLY_REPLY));
	}

}
