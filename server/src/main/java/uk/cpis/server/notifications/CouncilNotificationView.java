package uk.cpis.server.notifications;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.CallerOrganisation;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * A council that pulls its notifications ({@code GET /fhir/AuditEvent?...}) sees each as it would have
 * been pushed to it: naming only itself and its own plans (see {@link CouncilView}).
 */
@Component
@Interceptor
public class CouncilNotificationView {

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;
    private final CouncilView councilView;

    public CouncilNotificationView(
            CurrentCaller currentCaller, CallerOrganisation callerOrganisation, CouncilView councilView) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
        this.councilView = councilView;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void showOwnPart(IPreResourceShowDetails details, RequestDetails request) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return;
        }
        String council = null;
        for (int i = 0; i < details.size(); i++) {
            if (details.getResource(i) instanceof AuditEvent event
                    && !Notifications.councils(event).isEmpty()) {
                if (council == null) {
                    council = callerOrganisation.reference().orElse("");
                }
                AuditEvent view = councilView.of(event, council);
                if (view != event) {
                    details.setResource(i, view);
                }
            }
        }
    }
}
