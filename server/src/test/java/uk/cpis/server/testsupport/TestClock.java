package uk.cpis.server.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's business clock in tests: the real time, unless a test moves it ({@link #shift}),
 * which it must undo ({@link #reset}) when done.
 */
public final class TestClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	public void shift(Duration by) {
		offset = by;
	}

	public void reset() {
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	/** Replaces the server's clock bean. */
	@TestConfiguration
	public static class Config {

		@Bean
		@Primary
		public TestClock testClock() {
			return new TestClock();
		}
	}
}
