package uk.cpis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.IdentifierSystems;

/** The small pure parts of the audit records: a CIS2 role code's job role, a person's NHS number. */
class AuditRecordsTest {

    @Test
    void theJobRoleIsTheLastPartOfACis2RoleCode() {
        assertThat(AuditRecords.jobRole("S8000:G8000:R8000")).isEqualTo("R8000");
        assertThat(AuditRecords.jobRole("R8000")).isEqualTo("R8000");
    }

    @Test
    void noRoleCodeMeansNoJobRole() {
        assertThat(AuditRecords.jobRole(null)).isNull();
        assertThat(AuditRecords.jobRole("")).isNull();
        assertThat(AuditRecords.jobRole("  ")).isNull();
    }

    @Test
    void aPersonsNhsNumberIsTheValueOfItsNhsNumberIdentifier() {
        Patient child = new Patient();
        child.addIdentifier().setSystem("https://example.org/local-id").setValue("L-1");
        child.addIdentifier().setSystem(IdentifierSystems.NHS_NUMBER).setValue("9434765919");
        assertThat(AuditRecords.nhsNumberOf(child)).isEqualTo("9434765919");
    }

    @Test
    void aPersonWithoutAnNhsNumberHasNone() {
        Patient child = new Patient();
        child.addIdentifier().setSystem("https://example.org/local-id").setValue("L-1");
        assertThat(AuditRecords.nhsNumberOf(child)).isNull();
        assertThat(AuditRecords.nhsNumberOf(new Patient())).isNull();
    }
}
