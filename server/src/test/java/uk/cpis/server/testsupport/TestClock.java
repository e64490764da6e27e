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
 * The server's clock in integration tests: real time until a test moves it forward, so a test can
 * see what a look-up shows a year from now. A test that moves it must {@link #reset()} it.
 */
public final class TestClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public void moveForward(Duration duration) {
        ahead = ahead.plus(duration);
    }

    /** Sets how far ahead of real time the clock runs (replacing any earlier move). */
    public void shift(Duration by) {
        ahead = by;
    }

    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), ahead);
    }

    @TestConfiguration
    public static class Config {

        @Bean
        @Primary
        public TestClock testClock() {
            return new TestClock();
        }
    }
}
