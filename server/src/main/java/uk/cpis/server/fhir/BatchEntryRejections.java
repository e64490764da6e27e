package uk.cpis.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * HAPI answers a refused batch entry with an OperationOutcome rebuilt from the exception's message
 * alone, losing the CP-IS reject reason. The message starts with the reason ({@code [not-your-plan]
 * ...}), so this puts the reason back into {@code issue.details} and {@code issue.code} of each entry:
 * a council learns exactly which records failed and why, in codes its system can act on.
 */
@Component
@Interceptor
public class BatchEntryRejections {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean restoreRejectReasons(ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.BATCHRESPONSE) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResponse().getOutcome() instanceof OperationOutcome outcome) {
                    outcome.getIssue().forEach(BatchEntryRejections::restore);
                }
            }
        }
        return true;
    }

    private static void restore(OperationOutcome.OperationOutcomeIssueComponent issue) {
        Rejection.reasonIn(issue.getDiagnostics()).ifPresent(reason -> {
            OperationOutcome.OperationOutcomeIssueComponent coded =
                    Rejection.issue(reason, issue.getDiagnostics(), null);
            issue.setCode(coded.getCode());
            issue.setDetails(coded.getDetails());
        });
    }
}
