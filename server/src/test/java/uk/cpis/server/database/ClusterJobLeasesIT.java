package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.testsupport.PostgresServerTest;

/** Scheduled work runs once per period across the servers of a cluster, whichever takes it first. */
class ClusterJobLeasesIT extends PostgresServerTest {

    @Autowired
    DataSource dataSource;

    @Test
    void oneServerTakesEachPeriodAndAnotherMayTakeTheNext() {
        String job = "test-job-" + UUID.randomUUID();
        ClusterJobLeases first = new ClusterJobLeases(dataSource, new ThisServer());
        ClusterJobLeases second = new ClusterJobLeases(dataSource, new ThisServer());
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Duration hourly = Duration.ofHours(1);

        assertThat(first.take(job, now, hourly)).isTrue();
        assertThat(second.take(job, now.plusSeconds(1), hourly))
                .as("the same period")
                .isFalse();
        assertThat(first.take(job, now.plus(Duration.ofMinutes(30)), hourly)).isFalse();
        assertThat(second.take(job, now.plus(hourly), hourly))
                .as("the next period")
                .isTrue();
        assertThat(first.take(job, now.plus(hourly).plusSeconds(5), hourly)).isFalse();
    }
}
