package uk.cpis.server.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.database.ThisServer;

/**
 * The durable queue of notification deliveries: one row per notification and subscription, in the
 * table {@value #TABLE} of the server's own database. A row is written in the same database
 * transaction as the AuditEvent it delivers (the JDBC template joins the JPA transaction on the same
 * data source), so a notification is queued if and only if its record is stored; it stays until it is
 * delivered or its subscription is gone, whatever happens to the server in between.
 *
 * <p>Workers claim a due row by bumping its attempt count and pushing its next attempt time one lease
 * ahead, with a conditional update (so two workers, or two servers, never send the same row at the same
 * time, and a server that dies mid-delivery releases the row when the lease runs out).
 *
 * <p>Delivered rows stay, with the time their council's endpoint acknowledged them: they are the record
 * the board statistics count notifications delivered from. Only abandoned rows are forgotten.
 */
@Component
public class NotificationOutbox {

    static final String TABLE = "cpis_notification_delivery";
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String ABANDONED = "abandoned";

    /** A queued delivery. */
    public record Delivery(
            String id,
            String notificationId,
            String subscriptionId,
            String councilOds,
            Instant createdAt,
            Instant nextAttemptAt,
            int attempts) {}

    private final JdbcTemplate jdbc;
    private final String thisServer;

    public NotificationOutbox(DataSource dataSource, ThisServer thisServer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.thisServer = thisServer.id();
        createTableIfMissing();
    }

    /** Portable DDL (PostgreSQL and H2); the table is the server's own, beside HAPI's schema. */
    private void createTableIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "id VARCHAR(40) NOT NULL PRIMARY KEY, "
                + "notification_id VARCHAR(100) NOT NULL, "
                + "subscription_id VARCHAR(100) NOT NULL, "
                + "council_ods VARCHAR(20) NOT NULL, "
                + "state VARCHAR(12) NOT NULL, "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "attempts INTEGER NOT NULL, "
                + "finished_at TIMESTAMP WITH TIME ZONE, "
                + "last_outcome VARCHAR(200), "
                + "CONSTRAINT cpis_notification_once UNIQUE (notification_id, subscription_id))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS cpis_notification_due ON " + TABLE + " (state, next_attempt_at)");
        // added after the table: IF NOT EXISTS builds it once on a database that has the table already.
        // Covers the delivered count (state, then a range of finish times, then the council) without reading rows.
        jdbc.execute("CREATE INDEX IF NOT EXISTS cpis_notification_finished ON " + TABLE
                + " (state, finished_at, council_ods)");
        // which server of a cluster holds (or last held) the delivery's lease
        jdbc.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS claimed_by VARCHAR(60)");
    }

    /** Queues one delivery; joins the caller's transaction. */
    void enqueue(String notificationId, String subscriptionId, String councilOds, Instant now) {
        jdbc.update(
                "INSERT INTO " + TABLE + " (id, notification_id, subscription_id, council_ods, state, created_at,"
                        + " next_attempt_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                UUID.randomUUID().toString(),
                notificationId,
                subscriptionId,
                councilOds,
                PENDING,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    /** Pending deliveries whose next attempt is due, oldest first. */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.query(
                "SELECT id, notification_id, subscription_id, council_ods, created_at, next_attempt_at, attempts"
                        + " FROM " + TABLE
                        + " WHERE state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
                (row, index) -> new Delivery(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getTimestamp(5).toInstant(),
                        row.getTimestamp(6).toInstant(),
                        row.getInt(7)),
                PENDING,
                Timestamp.from(now),
                limit);
    }

    /** Claims the delivery for one attempt, until {@code leaseUntil}; false if another worker has it. */
    boolean claim(Delivery delivery, Instant leaseUntil) {
        return jdbc.update(
                        "UPDATE " + TABLE + " SET attempts = attempts + 1, next_attempt_at = ?, claimed_by = ?"
                                + " WHERE id = ? AND state = ? AND attempts = ?",
                        Timestamp.from(leaseUntil),
                        thisServer,
                        delivery.id(),
                        PENDING,
                        delivery.attempts())
                == 1;
    }

    void delivered(Delivery delivery, Instant now, String outcome) {
        finish(delivery, DELIVERED, now, outcome);
    }

    void abandoned(Delivery delivery, Instant now, String why) {
        finish(delivery, ABANDONED, now, why);
    }

    void retryAt(Delivery delivery, Instant next, String outcome) {
        jdbc.update(
                "UPDATE " + TABLE + " SET next_attempt_at = ?, last_outcome = ? WHERE id = ? AND state = ?",
                Timestamp.from(next),
                truncate(outcome),
                delivery.id(),
                PENDING);
    }

    /** Pending deliveries, for the {@code cpis_notifications_pending} gauge. */
    long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE state = ?", Long.class, PENDING);
        return count == null ? 0 : count;
    }

    /**
     * Deliveries acknowledged by a council's endpoint from {@code from} (included) to {@code to} (excluded),
     * to one council (ODS code) or to all: one per notification and subscription.
     */
    public long deliveredBetween(Instant from, Instant to, Optional<String> councilOds) {
        String sql = "SELECT COUNT(*) FROM " + TABLE + " WHERE state = ? AND finished_at >= ? AND finished_at < ?";
        List<Object> arguments = new ArrayList<>(List.of(DELIVERED, Timestamp.from(from), Timestamp.from(to)));
        if (councilOds.isPresent()) {
            sql += " AND council_ods = ?";
            arguments.add(councilOds.get());
        }
        Long count = jdbc.queryForObject(sql, Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    /** Forgets abandoned deliveries finished before {@code before} (delivered ones are kept); returns how many. */
    int purgeAbandonedBefore(Instant before) {
        return jdbc.update(
                "DELETE FROM " + TABLE + " WHERE state = ? AND finished_at < ?", ABANDONED, Timestamp.from(before));
    }

    private void finish(Delivery delivery, String state, Instant now, String outcome) {
        jdbc.update(
                "UPDATE " + TABLE + " SET state = ?, finished_at = ?, last_outcome = ? WHERE id = ?",
                state,
                Timestamp.from(now),
                truncate(outcome),
                delivery.id());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
