package uk.cpis.server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's migration asks PostgreSQL to keep 10,000 most-common values for
 * {@code HFJ_RES_LINK.SRC_RESOURCE_ID}. Any search with two reference parameters joins that table to
 * itself on the column (a council's duplicate-plan check: subject and author), and PostgreSQL 15
 * compares the two lists pair by pair while planning: 100-250 ms of database CPU per upload on 20,000
 * links, growing with the data, for a query that runs in 0.2 ms. The column is a row key; the
 * default statistics describe it as well. Once set, later starts leave it alone.
 */
final class JoinPlanningStatistics {

	private static final Logger log = LoggerFactory.getLogger(JoinPlanningStatistics.class);

	private JoinPlanningStatistics() {}

	static void keepJoinPlanningCheap(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if (!hasRaisedTarget(statement)) {
				return;
			}
			statement.execute("ALTER TABLE hfj_res_link ALTER COLUMN src_resource_id SET STATISTICS -1");
			statement.execute("ANALYZE hfj_res_link (src_resource_id)");
			log.info("HFJ_RES_LINK.SRC_RESOURCE_ID statistics set to the database default (join planning)");
		} catch (SQLException e) {
			// searches stay correct, only slower to plan: not a reason to refuse to start
			log.warn("Could not reset the statistics of HFJ_RES_LINK.SRC_RESOURCE_ID ({})", e.getMessage());
		}
	}

	private static boolean hasRaisedTarget(Statement statement) throws SQLException {
		try (ResultSet target = statement.executeQuery("SELECT coalesce(attstattarget, -1) FROM pg_attribute"
				+ " WHERE attrelid = 'hfj_res_link'::regclass AND attname = 'src_resource_id'")) {
			return target.next() && target.getInt(1) > 0;
		}
	}
}
