package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.database.HapiStatisticsTables.Period;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * The server's SQL on HAPI's own tables still fits HAPI: every column it uses exists, its index keys
 * are the ones HAPI itself writes for a stored child, plan and access record, and every statement
 * runs. A HAPI upgrade that renames a column or hashes index keys differently fails here, not in a
 * look-up.
 */
class HapiIndexTablesIT extends PostgresServerTest {

    /** The adapter's sources (the module's directory is the tests' working directory). */
    private static final List<Path> ADAPTER_SOURCES = List.of(
            Path.of("src/main/java/uk/cpis/server/database/HapiIndexTables.java"),
            Path.of("src/main/java/uk/cpis/server/database/HapiStatisticsTables.java"));

    @Autowired
    HapiIndexTables index;

    @Autowired
    HapiStatisticsTables statistics;

    @Autowired
    StoredVersions storedVersions;

    @Autowired
    DataSource dataSource;

    @Test
    void everyColumnTheServerUsesIsInHapisSchema() {
        assertThat(hapiColumns()).containsAll(HapiIndexTables.COLUMNS_READ);
    }

    @Test
    void theListNamesEveryHapiTableAndColumnTheAdapterUses() throws IOException {
        Set<String> words = new TreeSet<>();
        for (Path source : ADAPTER_SOURCES) {
            Matcher word =
                    Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b").matcher(Files.readString(source));
            while (word.find()) {
                words.add(word.group());
            }
        }
        Set<String> tables = new TreeSet<>(
                words.stream().filter(word -> word.startsWith("hfj_")).toList());
        assertThat(tables).as("HAPI tables the adapter names").isNotEmpty();
        for (String table : tables) {
            assertThat(HapiIndexTables.COLUMNS_READ)
                    .as("COLUMNS_READ lists a column of " + table)
                    .anyMatch(column -> column.startsWith(table + "."));
        }
        for (String column : hapiColumns()) {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1);
            if (tables.contains(table) && words.contains(name)) {
                assertThat(HapiIndexTables.COLUMNS_READ)
                        .as("COLUMNS_READ lists " + name + " of one of the tables the adapter names")
                        .anyMatch(listed -> tables.contains(listed.substring(0, listed.indexOf('.')))
                                && listed.endsWith("." + name));
            }
        }
    }

    @Test
    void theIndexKeysAreTheOnesHapiWritesForAStoredChildPlanAndAccess() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CpisResources.CPP, p -> {});
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long childRow =
                row(jdbc, "Patient", plan.getSubject().getReferenceElement().getIdPart());
        long planRow = row(jdbc, "Flag", plan.getIdElement().getIdPart());

        assertThat(indexed(jdbc, "hash_sys_and_value", "hfj_spidx_token", childRow, "identifier"))
                .contains(index.tokenKey("Patient", "identifier", IdentifierSystems.NHS_NUMBER, nhsNumber));
        assertThat(indexed(jdbc, "hash_sys_and_value", "hfj_spidx_token", planRow, "code"))
                .contains(index.tokenKey("Flag", "code", CodeSystems.SNOMED, CpisResources.CPP));
        assertThat(indexed(jdbc, "hash_value", "hfj_spidx_token", planRow, "status"))
                .contains(index.tokenValueKey("Flag", "status", Flag.FlagStatus.ACTIVE.toCode()));
        assertThat(indexed(jdbc, "hash_identity", "hfj_spidx_date", planRow, "period-start"))
                .containsOnly(index.parameterKey("Flag", "period-start"));

        assertThat(index.patientRowsWithIdentifier(IdentifierSystems.NHS_NUMBER, nhsNumber))
                .containsExactly(childRow);
        assertThat(index.planRowsOf(childRow)).containsExactly(planRow);

        // a clinician's look-up stores an access record naming the child
        httpAs("ed-clinician").get(NotificationsIT.lookUp(nhsNumber)).then().statusCode(200);
        long accessRow = jdbc.queryForObject(
                "select max(src_resource_id) from hfj_res_link where target_resource_id = ?"
                        + " and source_resource_type = 'AuditEvent'",
                Long.class,
                childRow);
        assertThat(indexed(jdbc, "hash_value", "hfj_spidx_token", accessRow, "access-type"))
                .contains(index.tokenValueKey("AuditEvent", "access-type", Codes.UNSCHEDULED));
        assertThat(indexed(jdbc, "hash_identity", "hfj_spidx_date", accessRow, "date"))
                .containsOnly(index.parameterKey("AuditEvent", "date"));
    }

    @Test
    void everyStatementRunsOnHapisSchema() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CpisResources.CPP, p -> {});
        httpAs("ed-clinician").get(NotificationsIT.lookUp(nhsNumber)).then().statusCode(200);
        long council =
                index.organisationRow(plan.getAuthor().getReferenceElement().getIdPart());
        assertThat(council).isPositive();
        int today = Integer.parseInt(LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE));
        for (OptionalLong scope : List.of(OptionalLong.of(council), OptionalLong.empty())) {
            Period wide = new Period(19000101, today + 10000, scope);
            var counts = statistics.planCounts(wide, CodeSystems.SNOMED, List.of(CpisResources.CPP));
            assertThat(counts.get(CpisResources.CPP).started()).isPositive();
            assertThat(statistics.accessRecords(wide, Codes.UNSCHEDULED)).isPositive();
            assertThat(statistics.patientsNamedByAccessRecords(wide, Codes.UNSCHEDULED))
                    .isPositive();
            assertThat(statistics.taggedAuditEvents(wide, CodeSystems.NOTIFICATION_TAG, Codes.REPEAT_ATTENDANCE))
                    .isNotNegative();
        }

        assertThat(index.countAndVersionSum(List.of("Patient", "Flag"))).matches("[1-9][0-9]*/[1-9][0-9]*");
        assertThat(storedVersions.of(List.of("Organization"))).matches("[1-9][0-9]*/[1-9][0-9]*");

        for (String column : HapiIndexTables.LINK_ROW_KEYS) {
            assertThat(index.hasRaisedStatistics(column))
                    .as("start-up left " + column + " at the default statistics")
                    .isFalse();
            index.resetStatistics(column);
            assertThat(index.hasRaisedStatistics(column)).isFalse();
        }
    }

    private List<String> hapiColumns() {
        return new JdbcTemplate(dataSource)
                .queryForList(
                        "select lower(table_name) || '.' || lower(column_name)"
                                + " from information_schema.columns where lower(table_name) like 'hfj_%'",
                        String.class);
    }

    /** An index column of a resource's rows for one search parameter, as HAPI wrote them. */
    private static List<Long> indexed(JdbcTemplate jdbc, String column, String table, long row, String parameter) {
        return jdbc.queryForList(
                "select " + column + " from " + table + " where res_id = ? and sp_name = ?",
                Long.class,
                row,
                parameter);
    }

    private static long row(JdbcTemplate jdbc, String type, String id) {
        return jdbc.queryForObject(
                "select res_id from hfj_resource where res_type = ? and fhir_id = ?", Long.class, type, id);
    }
}
