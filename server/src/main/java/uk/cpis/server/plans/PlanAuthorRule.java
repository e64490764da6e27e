package uk.cpis.server.plans;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;
import uk.cpis.server.security.CallerIdentity;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * A council writes only its own plans: the author of every Flag it creates or changes must be the
 * council's own Organization (same ODS code as in its token), and it cannot take over another
 * council's plan by changing the author. Refused with 422 and the reject reason not-your-plan. The
 * author must be a reference (422 author-not-referenced), so every plan has an owning council.
 */
@Component
@Interceptor
public class PlanAuthorRule {

    private final PlanReferences planReferences;
    private final CurrentCaller currentCaller;

    public PlanAuthorRule(PlanReferences planReferences, CurrentCaller currentCaller) {
        this.planReferences = planReferences;
        this.currentCaller = currentCaller;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.PLAN_AUTHOR_RULE)
    public void onCreate(IBaseResource resource) {
        if (resource instanceof Flag plan) {
            requireAuthorReference(plan);
            requireOwnPlanIds(plan);
            requireCallersOwn(plan, "Flag.author");
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.PLAN_AUTHOR_RULE)
    public void onUpdate(IBaseResource oldResource, IBaseResource newResource) {
        if (newResource instanceof Flag plan) {
            // first, so that naming another council's plan id gets the same answer whether it exists or not
            requireAuthorReference(plan);
            requireOwnPlanIds(plan);
            if (!isCallersOwn((Flag) oldResource)) {
                // another council's stored plan reads as one that does not exist
                throw new ResourceNotFoundException(Msg.code(2001) + "Resource Flag/"
                        + oldResource.getIdElement().getIdPart() + " is not known");
            }
            requireCallersOwn(plan, "Flag.author");
        }
    }

    /**
     * The council that owns a plan is the Organization its author references: an identifier alone would
     * leave the plan without an owner (no council sees it, nobody is notified of its look-ups).
     */
    private static void requireAuthorReference(Flag plan) {
        if (!plan.getAuthor().hasReference()) {
            throw Rejection.unprocessable(
                    RejectReason.AUTHOR_NOT_REFERENCED,
                    "Flag.author must reference the council's own"
                            + " Organization (Organization/<id> or Organization?identifier="
                            + IdentifierSystems.ODS_CODE + "|<ODS code>),"
                            + " not name it by identifier alone",
                    "Flag.author");
        }
    }

    /** A council's plan ids are in its own namespace ({@code .../la-plan-id/<its ODS code>}). */
    private void requireOwnPlanIds(Flag plan) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return;
        }
        String callerOds = currentCaller.identity().map(CallerIdentity::odsCode).orElse(null);
        for (Identifier identifier : plan.getIdentifier()) {
            String system = identifier.getSystem();
            if (system != null
                    && system.startsWith(IdentifierSystems.PLAN_ID_PREFIX)
                    && !system.equals(IdentifierSystems.PLAN_ID_PREFIX + callerOds)) {
                throw Rejection.unprocessable(
                        RejectReason.NOT_YOUR_PLAN,
                        "Flag.identifier: the plan ids of your own council (ODS "
                                + callerOds + ") are in " + IdentifierSystems.PLAN_ID_PREFIX + callerOds
                                + ", not in those of ODS "
                                + system.substring(IdentifierSystems.PLAN_ID_PREFIX.length()),
                        "Flag.identifier");
            }
        }
    }

    private boolean isCallersOwn(Flag stored) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return true;
        }
        String callerOds = currentCaller.identity().map(CallerIdentity::odsCode).orElse(null);
        return callerOds != null
                && callerOds.equals(planReferences.authorOds(stored).orElse(null));
    }

    private void requireCallersOwn(Flag plan, String where) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return;
        }
        String callerOds = currentCaller.identity().map(CallerIdentity::odsCode).orElse(null);
        String authorOds = planReferences.authorOds(plan).orElse(null);
        if (callerOds == null || !callerOds.equals(authorOds)) {
            throw Rejection.unprocessable(
                    RejectReason.NOT_YOUR_PLAN,
                    where + ": the plan's author must be your own council (ODS " + callerOds + "), not "
                            + (authorOds == null ? "an organisation without an ODS code" : "ODS " + authorOds),
                    "Flag.author");
        }
    }
}
