package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.database.HapiStatisticsTables.Period;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * The server's SQL on HAPI's own tables still fits HAPI: every column it reads exists, its index keys
 * are the ones HAPI itself writes for a stored child and plan, and every query runs. A HAPI upgrade
 * that renames a column or hashes index keys differently fails here, not in a look-up.
 */
class HapiIndexTablesIT extends PostgresServerTest {

    @Autowired
    HapiIndexTables index;

    @Autowired
    HapiStatisticsTables statistics;

    @Autowired
    DataSource dataSource;

    @Test
    void everyColumnTheServerReadsIsInHapisSchema() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> present = jdbc.queryForList(
                "select lower(table_name) || '.' || lower(column_name)"
                        + " from information_schema.columns where lower(table_name) like 'hfj_%'",
                String.class);
        assertThat(present).containsAll(HapiIndexTables.COLUMNS_READ);
    }

    @Test
    void theIndexKeysAreTheOnesHapiWritesForAStoredChildAndPlan() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CpisResources.CPP, p -> {});
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long childRow =
                row(jdbc, "Patient", plan.getSubject().getReferenceElement().getIdPart());
        long planRow = row(jdbc, "Flag", plan.getIdElement().getIdPart());

        assertThat(jdbc.queryForList(
                        "select hash_sys_and_value from hfj_spidx_token where res_id = ? and sp_name = 'identifier'",
                        Long.class,
                        childRow))
                .contains(index.tokenKey("Patient", "identifier", IdentifierSystems.NHS_NUMBER, nhsNumber));
        assertThat(jdbc.queryForList(
                        "select hash_value from hfj_spidx_token where res_id = ? and sp_name = 'status'",
                        Long.class,
                        planRow))
                .contains(index.tokenValueKey("Flag", "status", "active"));
        assertThat(jdbc.queryForList(
                        "select hash_identity from hfj_spidx_date where res_id = ? and sp_name = 'period-start'",
                        Long.class,
                        planRow))
                .containsOnly(index.parameterKey("Flag", "period-start"));

        assertThat(index.patientRowsWithIdentifier(IdentifierSystems.NHS_NUMBER, nhsNumber))
                .containsExactly(childRow);
        assertThat(index.planRowsOf(childRow)).containsExactly(planRow);
    }

    @Test
    void everyStatisticsQueryRunsOnHapisSchema() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CpisResources.CPP, p -> {});
        long council =
                index.organisationRow(plan.getAuthor().getReferenceElement().getIdPart());
        assertThat(council).isPositive();
        int today = Integer.parseInt(LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE));
        Period wide = new Period(19000101, today + 10000, OptionalLong.of(council));
        var counts = statistics.planCounts(wide, CodeSystems.SNOMED, List.of(CpisResources.CPP));
        assertThat(counts.get(CpisResources.CPP).started()).isPositive();
        assertThat(statistics.accessRecords(wide, Codes.UNSCHEDULED)).isNotNegative();
        assertThat(statistics.patientsNamedByAccessRecords(wide, Codes.UNSCHEDULED))
                .isNotNegative();
        assertThat(statistics.taggedAuditEvents(wide, CodeSystems.NOTIFICATION_TAG, Codes.REPEAT_ATTENDANCE))
                .isNotNegative();
    }

    private static long row(JdbcTemplate jdbc, String type, String id) {
        return jdbc.queryForObject(
                "select res_id from hfj_resource where res_type = ? and fhir_id = ?", Long.class, type, id);
    }
}
