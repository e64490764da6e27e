package uk.cpis.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;

/** The 422 answers for records that break a rule (Rejection), and reading their reason back from a message. */
class RejectionTest {

    @Test
    void aRejectionSaysWhatWhereAndWhyInItsOperationOutcome() {
        UnprocessableEntityException refused = Rejection.unprocessable(
                RejectReason.INVALID_DATES, "Flag.period: ends before it starts", "Flag.period");

        assertThat(refused.getStatusCode()).isEqualTo(422);
        assertThat(refused.getMessage()).isEqualTo("[invalid-dates] Flag.period: ends before it starts");
        OperationOutcome.OperationOutcomeIssueComponent issue =
                ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(IssueType.INVARIANT);
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(CodeSystems.REJECT_REASON);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-dates");
        assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("Flag.period");
    }

    @Test
    void anIssueWithoutAnExpressionHasNone() {
        assertThat(Rejection.issue(RejectReason.OTHER_FAILURE, "failed", null).getExpression())
                .isEmpty();
    }

    @Test
    void theReasonIsReadBackFromTheMessageEvenAfterHapiPrefixesItsCode() {
        for (RejectReason reason : RejectReason.values()) {
            String message = Rejection.unprocessable(reason, "something", null).getMessage();
            assertThat(Rejection.reasonIn(message)).contains(reason);
            assertThat(Rejection.reasonIn("HAPI-0550: " + message)).contains(reason);
        }
    }

    @Test
    void aMessageWithoutAKnownReasonAtItsStartHasNone() {
        assertThat(Rejection.reasonIn(null)).isEmpty();
        assertThat(Rejection.reasonIn("")).isEmpty();
        assertThat(Rejection.reasonIn("[no-such-reason] something")).isEmpty();
        assertThat(Rejection.reasonIn("something [invalid-dates] later")).isEmpty();
        assertThat(Rejection.reasonIn("HAPI-0550: something")).isEmpty();
    }

    @Test
    void everyReasonHasItsOwnCode() {
        assertThat(java.util.Arrays.stream(RejectReason.values()).map(RejectReason::code))
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z-]+"));
    }
}
