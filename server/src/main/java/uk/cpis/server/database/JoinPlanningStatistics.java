package uk.cpis.server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's migration asks PostgreSQL to keep 10,000 most-common values for both row keys of
 * {@code HFJ_RES_LINK}. A join on such a column makes PostgreSQL 15 compare most-common-value lists
 * pair by pair while planning, for a query that then runs in a fraction of a millisecond:
 * <ul>
 * <li>{@code SRC_RESOURCE_ID}: any search with two reference parameters joins the table to itself on
 * it (a council's duplicate-plan check: subject and author), so every upload paid for it;</li>
 * <li>{@code TARGET_RESOURCE_ID}: every chained search joins it to the token index (the clinician's
 * {@code Flag?patient:identifier=...} look-up), so every look-up paid for it.</li>
 * </ul>
 * (The measured cost is in {@code bench/README.md}, "Why the code does it this way".)
 * Both are row keys; the default statistics describe them as well. Once set, later starts leave them
 * alone.
 */
final class JoinPlanningStatistics {

    private static final Logger log = LoggerFactory.getLogger(JoinPlanningStatistics.class);
    static final List<String> ROW_KEYS = List.of("src_resource_id", "target_resource_id");

    private JoinPlanningStatistics() {}

    static void keepJoinPlanningCheap(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String column : ROW_KEYS) {
                if (hasRaisedTarget(statement, column)) {
                    statement.execute("ALTER TABLE hfj_res_link ALTER COLUMN " + column + " SET STATISTICS -1");
                    statement.execute("ANALYZE hfj_res_link (" + column + ")");
                    log.info(
                            "HFJ_RES_LINK.{} statistics set to the database default (join planning)",
                            column.toUpperCase());
                }
            }
        } catch (SQLException e) {
            // searches stay correct, only slower to plan: not a reason to refuse to start
            log.warn("Could not reset the statistics of HFJ_RES_LINK's row keys ({})", e.getMessage());
        }
    }

    private static boolean hasRaisedTarget(Statement statement, String column) throws SQLException {
        try (ResultSet target = statement.executeQuery("SELECT coalesce(attstattarget, -1) FROM pg_attribute"
                + " WHERE attrelid = 'hfj_res_link'::regclass AND attname = '" + column + "'")) {
            return target.next() && target.getInt(1) > 0;
        }
    }
}
