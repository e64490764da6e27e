package uk.cpis.server.clock;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the CP-IS rules read "now" from (12-month visibility, purge dates), so tests can
 * move it instead of waiting a year.
 */
@Configuration
public class ClockConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
