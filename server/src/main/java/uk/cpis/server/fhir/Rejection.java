package uk.cpis.server.fhir;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** Builds the 422 answers CP-IS gives for records that break a rule: what, where and the reject reason. */
public final class Rejection {

	private Rejection() {}

	public static UnprocessableEntityException unprocessable(RejectReason reason, String message, String expression) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue(issue(reason, message, expression));
		// The message as well as the outcome: HAPI reports only the message for a refused batch entry.
		return new UnprocessableEntityException(message, outcome);
	}

	public static OperationOutcome.OperationOutcomeIssueComponent issue(
			RejectReason reason, String message, String expression) {
		OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(reason.issueType())
				.setDiagnostics(message);
		issue.getDetails().addCoding().setSystem(RejectReason.SYSTEM).setCode(reason.code());
		issue.getDetails().setText(message);
		if (expression != null) {
			issue.addExpression(expression);
		}
		return issue;
	}
}
