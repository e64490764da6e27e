package uk.cpis.server.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;

/** A Patient's NHS number must pass the check digit and be verified (NhsNumberRule), on create and on update. */
class NhsNumberRuleTest {

    private static final String VALID = "9434765919";

    private final NhsNumberRule rule = new NhsNumberRule();

    @Test
    void aPatientWithAValidNumberAndNoVerificationStatusIsAccepted() {
        assertThatCode(() -> rule.onCreate(child(VALID, null))).doesNotThrowAnyException();
    }

    @Test
    void aPatientWithAVerifiedNumberIsAccepted() {
        assertThatCode(() -> rule.onCreate(child(VALID, "01"))).doesNotThrowAnyException();
        assertThatCode(() -> rule.onUpdate(child(VALID, "01"), child(VALID, "01")))
                .doesNotThrowAnyException();
    }

    @Test
    void aNumberWithAWrongCheckDigitIsRefusedAsInvalid() {
        assertThatThrownBy(() -> rule.onCreate(child("9434765918", "01")))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("[nhs-number-invalid]")
                .hasMessageContaining("9434765918");
        assertThat(rejectReason(() -> rule.onCreate(child("9434765918", "01")))).isEqualTo("nhs-number-invalid");
    }

    @Test
    void aNumberWithSpacesIsRefusedAsInvalid() {
        assertThat(rejectReason(() -> rule.onCreate(child("943 476 5919", null))))
                .isEqualTo("nhs-number-invalid");
    }

    @Test
    void anUnverifiedNumberIsRefused() {
        assertThatThrownBy(() -> rule.onCreate(child(VALID, "02")))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("[nhs-number-not-verified]")
                .hasMessageContaining("02");
    }

    @Test
    void anUpdateIsCheckedByItsNewVersion() {
        assertThatCode(() -> rule.onUpdate(child(VALID, "02"), child(VALID, "01")))
                .doesNotThrowAnyException();
        assertThat(rejectReason(() -> rule.onUpdate(child(VALID, "01"), child(VALID, "04"))))
                .isEqualTo("nhs-number-not-verified");
    }

    @Test
    void identifiersOfOtherSystemsAreNotNhsNumbers() {
        Patient child = child(VALID, "01");
        child.addIdentifier().setSystem("https://example.org/local-id").setValue("12345");
        assertThatCode(() -> rule.onCreate(child)).doesNotThrowAnyException();
    }

    @Test
    void otherResourcesAreNotChecked() {
        assertThatCode(() -> rule.onCreate(new Flag())).doesNotThrowAnyException();
    }

    private static Patient child(String nhsNumber, String verificationStatus) {
        Patient child = new Patient();
        Identifier identifier =
                child.addIdentifier().setSystem(IdentifierSystems.NHS_NUMBER).setValue(nhsNumber);
        if (verificationStatus != null) {
            identifier.addExtension(
                    Extensions.NHS_NUMBER_VERIFICATION_STATUS,
                    new CodeableConcept(new Coding(
                            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland",
                            verificationStatus,
                            null)));
        }
        return child;
    }

    /** The reject-reason code of the 422's OperationOutcome. */
    private static String rejectReason(Runnable check) {
        try {
            check.run();
        } catch (UnprocessableEntityException refused) {
            OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
            Coding reason = outcome.getIssueFirstRep().getDetails().getCodingFirstRep();
            assertThat(reason.getSystem()).isEqualTo(CodeSystems.REJECT_REASON);
            return reason.getCode();
        }
        throw new AssertionError("not refused");
    }
}
