package uk.cpis.server.notifications;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.CodeSystems;

/**
 * A notification as one council sees it, pushed or pulled: the record names only that council and
 * only that council's plans. A child can have plans with several councils; each is told about the
 * access without learning about the others' plans.
 */
@Component
public class CouncilView {

    private static final String OBJECT_ROLE_DOMAIN_RESOURCE = "4";
    private static final String OBJECT_ROLE_PATIENT = "1";

    private final DaoRegistry daoRegistry;

    public CouncilView(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** The event without other councils and their plans (a copy if anything is removed; the event is left as it is). */
    public AuditEvent of(AuditEvent event, String councilReference) {
        if (!namesOtherCouncils(event, councilReference)) {
            // every plan shown is this council's: the councils named are the owners of the plans shown
            return event;
        }
        AuditEvent view = event.copy();
        Map<String, Optional<Flag>> plans = new HashMap<>();
        view.getEntity().removeIf(entity -> {
            String what = entity.getWhat()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            if (Notifications.isResponsibleCouncil(entity)) {
                return !councilReference.equals(what);
            }
            if (what != null
                    && what.startsWith("Flag/")
                    && OBJECT_ROLE_DOMAIN_RESOURCE.equals(entity.getRole().getCode())) {
                return !plans.computeIfAbsent(what, this::plan)
                        .map(plan -> councilReference.equals(authorOf(plan)))
                        .orElse(false);
            }
            return false;
        });
        // each council holds its own record of the child: the view names this council's, never another's id
        Optional<String> ownChild = plans.values().stream()
                .flatMap(Optional::stream)
                .filter(plan -> councilReference.equals(authorOf(plan)))
                .map(plan -> plan.getSubject()
                        .getReferenceElement()
                        .toUnqualifiedVersionless()
                        .getValue())
                .findFirst();
        view.getEntity().stream()
                .filter(entity -> OBJECT_ROLE_PATIENT.equals(entity.getRole().getCode()))
                .forEach(entity -> entity.getWhat().setReference(ownChild.orElse(null)));
        view.getMeta().addTag(CodeSystems.OBSERVATION_VALUE, "SUBSETTED", "subsetted");
        return view;
    }

    /** Whether the view would differ from the event (it names another council). */
    public static boolean namesOtherCouncils(AuditEvent event, String councilReference) {
        return Notifications.councils(event).keySet().stream().anyMatch(council -> !council.equals(councilReference));
    }

    private Optional<Flag> plan(String flagReference) {
        try {
            return Optional.of((Flag)
                    daoRegistry.getResourceDao("Flag").read(new IdType(flagReference), new SystemRequestDetails()));
        } catch (BaseServerResponseException gone) {
            return Optional.empty();
        }
    }

    private static String authorOf(Flag plan) {
        return plan.getAuthor().getReferenceElement().toUnqualifiedVersionless().getValue();
    }
}
