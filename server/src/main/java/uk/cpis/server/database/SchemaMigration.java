package uk.cpis.server.database;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the HAPI schema with HAPI's own migration tasks (the same ones its
 * {@code migrate-database} command runs), never with Hibernate's hbm2ddl. A schema that cannot be
 * migrated stops the server: serving CP-IS data from a half-upgraded database is worse than not
 * serving at all.
 *
 * <p>The only HAPI table named here is {@value #MIGRATION_TABLE}, the migration history that HAPI's
 * migrator itself keeps; the server's own statements on HAPI's tables are in {@link HapiIndexTables}.
 */
public class SchemaMigration {

    static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final DataSource dataSource;
    private final DatabaseKind kind;
    private final HapiIndexTables tables;
    private final String safeUrl;

    public SchemaMigration(DataSource dataSource, DatabaseKind kind, HapiIndexTables tables, String jdbcUrl) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.tables = tables;
        this.safeUrl = DatabaseUrls.withoutCredentials(jdbcUrl);
    }

    public void migrate() {
        long start = System.currentTimeMillis();
        try {
            HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, kind.migrationDriver());
            migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
            migrator.createMigrationTableIfRequired();
            MigrationResult result = migrator.migrate();
            if (kind == DatabaseKind.POSTGRESQL) {
                JoinPlanningStatistics.keepJoinPlanningCheap(tables);
            }
            log.info(
                    "Database schema on {} ({}) is up to date: {} migration tasks applied in {} ms",
                    safeUrl,
                    kind,
                    result.succeededTasks.size(),
                    System.currentTimeMillis() - start);
        } catch (RuntimeException e) {
            throw new SchemaMigrationFailedException(
                    "The database schema at " + safeUrl
                            + " cannot be migrated to the schema of HAPI FHIR " + VersionEnum.latestVersion()
                            + ", so the CP-IS server will not start on it. Cause: " + rootMessage(e),
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Thrown at start-up when the schema cannot be brought to the current version. */
    public static class SchemaMigrationFailedException extends RuntimeException {
        SchemaMigrationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
