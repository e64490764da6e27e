package uk.cpis.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

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

    private JoinPlanningStatistics() {}

    /** On PostgreSQL only (the statements are PostgreSQL's, in {@link HapiIndexTables}). */
    static void keepJoinPlanningCheap(HapiIndexTables tables) {
        try {
            for (String column : HapiIndexTables.LINK_ROW_KEYS) {
                if (tables.hasRaisedStatistics(column)) {
                    tables.resetStatistics(column);
                    log.info(
                            "HFJ_RES_LINK.{} statistics set to the database default (join planning)",
                            column.toUpperCase());
                }
            }
        } catch (DataAccessException e) {
            // searches stay correct, only slower to plan: not a reason to refuse to start
            log.warn("Could not reset the statistics of HFJ_RES_LINK's row keys ({})", e.getMessage());
        }
    }
}
