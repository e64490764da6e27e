package uk.cpis.server.fhir;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import uk.cpis.server.contract.CodeSystems;

/** Builds the 422 answers CP-IS gives for records that break a rule: what, where and the reject reason. */
public final class Rejection {

    private Rejection() {}

    public static UnprocessableEntityException unprocessable(RejectReason reason, String message, String expression) {
        String coded = "[" + reason.code() + "] " + message;
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue(issue(reason, coded, expression));
        // The message as well as the outcome: HAPI reports only the message for a refused batch entry,
        // and BatchEntryRejections restores the reason from the [code] prefix.
        return new UnprocessableEntityException(coded, outcome);
    }

    /** The reject reason at the start of a message made by {@link #unprocessable}, if any. */
    public static java.util.Optional<RejectReason> reasonIn(String message) {
        if (message == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher coded = CODED.matcher(message);
        if (!coded.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Arrays.stream(RejectReason.values())
                .filter(reason -> reason.code().equals(coded.group(1)))
                .findFirst();
    }

    private static final java.util.regex.Pattern CODED =
            java.util.regex.Pattern.compile("^(?:HAPI-\\d+: )?\\[([a-z-]+)\\] ");

    public static OperationOutcome.OperationOutcomeIssueComponent issue(
            RejectReason reason, String message, String expression) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(reason.issueType())
                .setDiagnostics(message);
        issue.getDetails().addCoding().setSystem(CodeSystems.REJECT_REASON).setCode(reason.code());
        issue.getDetails().setText(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }
}
