package uk.cpis.server.plans;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When plans are purged ({@code cpis.purge.*}).
 *
 * @param every how often the server looks for plans whose delete date has come
 * @param zone the time zone whose date a delete date is (England)
 */
@ConfigurationProperties(prefix = "cpis.purge")
public record PlanPurgeProperties(Duration every, ZoneId zone) {}
