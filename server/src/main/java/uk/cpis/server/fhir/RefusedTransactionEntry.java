package uk.cpis.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * A refused transaction says which entry was refused. A rule or the profile check names the element
 * inside the resource ({@code Patient.identifier}); in a bundle of hundreds of entries that alone does
 * not tell the sender which one. So each write notes its resource before any rule sees it, and when the
 * transaction is refused, every issue with an {@code expression} gets a second one rooted at the bundle,
 * {@code Bundle.entry[3].resource.identifier}, as FHIR's validator itself reports a bundle (issues
 * without an expression get {@code Bundle.entry[3]}). The first expression stays as it was.
 */
@Component
@Interceptor
public class RefusedTransactionEntry {

    private static final String BEING_WRITTEN = RefusedTransactionEntry.class.getName() + ".resource";

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.ENTRY_BEING_WRITTEN)
    public void creating(IBaseResource resource, RequestDetails request) {
        note(request, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.ENTRY_BEING_WRITTEN)
    public void updating(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        note(request, newResource);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = InterceptorOrder.ENTRY_BEING_WRITTEN)
    public void created(IBaseResource resource, RequestDetails request) {
        note(request, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = InterceptorOrder.ENTRY_BEING_WRITTEN)
    public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        note(request, newResource);
    }

    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.REFUSED_ENTRY)
    public BaseServerResponseException nameTheEntry(RequestDetails request, Throwable exception) {
        if (request != null
                && request.getResource() instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.TRANSACTION
                && exception instanceof BaseServerResponseException refusal
                && refusal.getOperationOutcome() instanceof OperationOutcome outcome
                && request.getUserData().get(BEING_WRITTEN) instanceof IBaseResource written) {
            int index = indexOf(bundle.getEntry(), written);
            if (index >= 0) {
                outcome.getIssue().forEach(issue -> addEntryExpression(issue, index));
            }
        }
        return null; // the refusal itself is unchanged
    }

    private static void note(RequestDetails request, IBaseResource resource) {
        if (request != null) {
            request.getUserData().put(BEING_WRITTEN, resource);
        }
    }

    /** The entry holding the very resource HAPI was writing (HAPI writes the parsed entries themselves). */
    private static int indexOf(List<Bundle.BundleEntryComponent> entries, IBaseResource written) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() == written) {
                return i;
            }
        }
        return -1;
    }

    static void addEntryExpression(OperationOutcome.OperationOutcomeIssueComponent issue, int index) {
        String entry = "Bundle.entry[" + index + "]";
        List<StringType> expressions = issue.getExpression();
        if (expressions.stream().anyMatch(e -> e.getValue().startsWith("Bundle.entry["))) {
            return;
        }
        if (expressions.isEmpty()) {
            issue.addExpression(entry);
            return;
        }
        String inResource = expressions.get(0).getValue();
        int dot = inResource.indexOf('.');
        issue.addExpression(entry + ".resource" + (dot < 0 ? "" : inResource.substring(dot)));
    }
}
