package uk.cpis.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * AuditEvents are written by the server alone and never changed. No access rule lets a client write
 * one; this storage hook refuses it again for anything that arrives through the FHIR endpoint (the
 * server's own records are stored outside it), so a future rule cannot open it by mistake.
 */
@Component
@Interceptor
public class ServerWrittenOnly {

    static final String MESSAGE =
            "AuditEvents are written by the CP-IS server only and can never be changed or deleted";

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        refuseAuditEvent(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        refuseAuditEvent(oldResource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        refuseAuditEvent(resource);
    }

    private static void refuseAuditEvent(IBaseResource resource) {
        if ("AuditEvent".equals(resource.fhirType())) {
            throw new ForbiddenOperationException(MESSAGE);
        }
    }
}
