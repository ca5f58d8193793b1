package io.jparallel.engine.classes;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerClassLoadersTests {

	private final AtomicInteger fetchersMade = new AtomicInteger();

	private ClassFetcher newFetcher() {
		this.fetchersMade.incrementAndGet();
		return (name) -> null;
	}

	@Test
	void oneLoaderPerSession() {
		PeerClassLoaders loaders = new PeerClassLoaders(getClass().getClassLoader());

		PeerClassLoader first = loaders.forSession("a", this::newFetcher);

		assertThat(loaders.forSession("a", this::newFetcher)).isSameAs(first);
		assertThat(loaders.forSession("b", this::newFetcher)).isNotSameAs(first);
		assertThat(first.session()).isEqualTo("a");
		assertThat(first.getParent()).isSameAs(getClass().getClassLoader());
		assertThat(this.fetchersMade).hasValue(2);
	}

	@Test
	void droppedSessionGetsAFreshLoader() {
		PeerClassLoaders loaders = new PeerClassLoaders(getClass().getClassLoader());
		PeerClassLoader first = loaders.forSession("a", this::newFetcher);

		loaders.drop("a");

		assertThat(loaders.contains("a")).isFalse();
		assertThat(loaders.forSession("a", this::newFetcher)).isNotSameAs(first);
	}

	@Test
	void leastRecentlyUsedSessionIsEvictedBeyondTheBound() {
		PeerClassLoaders loaders = new PeerClassLoaders(getClass().getClassLoader(), 2);
		loaders.forSession("a", this::newFetcher);
		loaders.forSession("b", this::newFetcher);
		loaders.forSession("a", this::newFetcher);

		loaders.forSession("c", this::newFetcher);

		assertThat(loaders.size()).isEqualTo(2);
		assertThat(loaders.contains("a")).isTrue();
		assertThat(loaders.contains("b")).isFalse();
		assertThat(loaders.contains("c")).isTrue();
	}

	@Test
	void boundMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PeerClassLoaders(getClass().getClassLoader(), 0))
			.withMessageContaining("at least 1");
	}

}
