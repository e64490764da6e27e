package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.StartedServer;
import uk.cpis.server.testsupport.TestPostgres;

class SchemaMigrationIT {

    @Test
    void emptyPostgresDatabaseIsCreatedByHapisMigratorNotByHibernate() throws Exception {
        String database = TestPostgres.freshDatabase("cpis_migrate");
        try (StartedServer server = StartedServer.onPostgres(database, "spring.profiles.active=demo")) {
            assertThat(server.fhirClient()
                            .capabilities()
                            .ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
                            .execute()
                            .getName())
                    .isEqualTo("CPISServer");
        }
        try (Connection connection =
                        DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select count(*), bool_and(success) from \"FLY_HFJ_MIGRATION\"")) {
            rows.next();
            assertThat(rows.getInt(1)).as("migration tasks recorded").isPositive();
            assertThat(rows.getBoolean(2))
                    .as("every recorded migration succeeded")
                    .isTrue();
        }
        try (Connection connection =
                        DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                Statement statement = connection.createStatement();
                ResultSet targets = statement.executeQuery(
                        "select attname, coalesce(attstattarget, -1) from pg_attribute"
                                + " where attrelid = 'hfj_res_link'::regclass and attname in ('src_resource_id', 'target_resource_id')")) {
            Map<String, Integer> statistics = new HashMap<>();
            while (targets.next()) {
                statistics.put(targets.getString(1), targets.getInt(2));
            }
            assertThat(statistics)
                    .as("the link table's row keys keep default statistics (JoinPlanningStatistics)")
                    .containsEntry("src_resource_id", -1)
                    .containsEntry("target_resource_id", -1);
        }
    }

    @Test
    void serverRefusesToStartOnASchemaItCannotMigrate() throws Exception {
        String database = TestPostgres.freshDatabase("cpis_broken");
        try (Connection connection =
                        DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                Statement statement = connection.createStatement()) {
            // A migration history HAPI cannot read: the schema's state is unknown, so nothing may run on it.
            statement.execute("create table \"FLY_HFJ_MIGRATION\" (something_else int)");
            statement.execute("insert into \"FLY_HFJ_MIGRATION\" values (1)");
        }

        assertThatThrownBy(() -> StartedServer.onPostgres(database, "spring.profiles.active=demo")
                        .close())
                .hasRootCauseInstanceOf(Exception.class)
                .satisfies(e -> assertThat(causeMessages(e))
                        .contains("cannot be migrated to the schema of HAPI FHIR")
                        .contains("will not start on it"));
    }

    private static String causeMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
