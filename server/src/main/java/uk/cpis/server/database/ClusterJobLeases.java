package uk.cpis.server.database;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs scheduled work once per cluster rather than once per server: before a run, a server takes the
 * job's lease in the database for one period, with a conditional update that only one server can win;
 * the others skip that period. HAPI's "clustered" scheduler is not shared between servers unless it is
 * given a clustered Quartz store, so CP-IS does not rely on it. A server that dies mid-run leaves the
 * lease to run out, and another takes the next period.
 */
@Component
public class ClusterJobLeases {

    static final String TABLE = "cpis_job_lease";

    /** This server, as a lease holder (in the table, for an operator asking who ran what). */
    private final String holder;

    private final JdbcTemplate jdbc;

    public ClusterJobLeases(DataSource dataSource, ThisServer thisServer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.holder = thisServer.id();
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (job VARCHAR(200) NOT NULL PRIMARY KEY,"
                + " holder VARCHAR(60) NOT NULL, lease_until TIMESTAMP WITH TIME ZONE NOT NULL)");
    }

    /** Whether this server may run the job now: true for exactly one server per {@code period}. */
    public boolean take(String job, Instant now, Duration period) {
        // a little short of the period, so the next scheduled run of the server that holds it is not skipped
        Timestamp until = Timestamp.from(now.plus(period.multipliedBy(9).dividedBy(10)));
        if (jdbc.update(
                        "UPDATE " + TABLE + " SET holder = ?, lease_until = ? WHERE job = ? AND lease_until <= ?",
                        holder,
                        until,
                        job,
                        Timestamp.from(now))
                == 1) {
            return true;
        }
        try {
            return jdbc.update(
                            "INSERT INTO " + TABLE + " (job, holder, lease_until) VALUES (?, ?, ?)", job, holder, until)
                    == 1;
        } catch (DataIntegrityViolationException heldByAnotherServer) {
            return false;
        }
    }
}
