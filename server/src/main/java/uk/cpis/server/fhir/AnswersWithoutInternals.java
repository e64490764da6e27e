package uk.cpis.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Answers carry no server internals, so that every answer is valid FHIR and says nothing about who
 * else wrote what:
 * <ul>
 *   <li>{@code meta.source}: HAPI records the writing request's id there ({@code #<request id>}), which
 *       names another party's request and is not a URI a reader can resolve;
 *   <li>the HL7 validator's own message ids in an OperationOutcome ({@code operationoutcome-message-id}
 *       and codings of {@code java-core-messageId}), which name no published code system.
 * </ul>
 * The stored records keep {@code meta.source}: it traces each version to its request.
 */
@Component
@Interceptor
public class AnswersWithoutInternals {

    static final String VALIDATOR_MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";
    static final String VALIDATOR_MESSAGE_CODES = "http://hl7.org/fhir/java-core-messageId";

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean removeInternals(ResponseDetails response) {
        clean(response.getResponseResource());
        return true;
    }

    private static void clean(IBaseResource answer) {
        if (!(answer instanceof Resource resource)) {
            return;
        }
        if (resource.hasMeta()) {
            resource.getMeta().setSourceElement(null);
        }
        if (resource instanceof OperationOutcome outcome) {
            for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
                issue.getExtension().removeIf(extension -> VALIDATOR_MESSAGE_ID.equals(extension.getUrl()));
                issue.getDetails().getCoding().removeIf(coding -> VALIDATOR_MESSAGE_CODES.equals(coding.getSystem()));
            }
        }
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().forEach(entry -> {
                clean(entry.getResource());
                if (entry.hasResponse() && entry.getResponse().hasOutcome()) {
                    clean(entry.getResponse().getOutcome());
                }
            });
        }
    }
}
