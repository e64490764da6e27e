package uk.cpis.server.database;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Named counters in the database that every server of a cluster reads, so what one server holds in
 * memory (the sharing register) can be checked against what any server changed, with one primary-key
 * read, on every request. A change counts once per database transaction, just before it commits, in
 * that transaction: a reader sees the new count exactly when it can see the change.
 */
@Component
public class ChangeCounters {

    static final String TABLE = "cpis_change_counter";

    private final JdbcTemplate jdbc;

    public ChangeCounters(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (name VARCHAR(40) NOT NULL PRIMARY KEY, changes BIGINT NOT NULL)");
    }

    /** The changes counted so far under this name (0 before the first). */
    public long current(String name) {
        List<Long> changes = jdbc.queryForList("SELECT changes FROM " + TABLE + " WHERE name = ?", Long.class, name);
        return changes.isEmpty() ? 0 : changes.get(0);
    }

    /** Counts one change when the current transaction commits (once however many writes it holds), or now. */
    public void countOnCommit(String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count(name);
            return;
        }
        String key = TABLE + ":" + name;
        if (TransactionSynchronizationManager.hasResource(key)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                count(name);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    private void count(String name) {
        if (jdbc.update("UPDATE " + TABLE + " SET changes = changes + 1 WHERE name = ?", name) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO " + TABLE + " (name, changes) VALUES (?, 1)", name);
        } catch (DataIntegrityViolationException anotherServerInsertedIt) {
            jdbc.update("UPDATE " + TABLE + " SET changes = changes + 1 WHERE name = ?", name);
        }
    }
}
