package uk.cpis.server.boards;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * No seat (PractitionerRole) and no membership of a board or of the sharing agreement (Group.member)
 * ends before it starts: 422 {@code invalid-dates}, naming the element and both dates. Runs before the
 * profile check, which says it only in general terms.
 */
@Component
@Interceptor
public class NoPeriodEndsBeforeItStarts {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeCreate(IBaseResource resource) {
        if (resource instanceof PractitionerRole seat) {
            refuseBackwardsPeriod(seat.getPeriod(), "PractitionerRole.period", "the seat");
        } else if (resource instanceof Group board) {
            checkMemberPeriods(board);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
        beforeCreate(newResource);
    }

    private static void checkMemberPeriods(Group board) {
        for (int i = 0; i < board.getMember().size(); i++) {
            refuseBackwardsPeriod(
                    board.getMember().get(i).getPeriod(),
                    "Group.member[" + i + "].period",
                    "the membership of " + describe(board.getMember().get(i).getEntity()));
        }
    }

    private static void refuseBackwardsPeriod(Period period, String expression, String what) {
        if (period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart())) {
            throw Rejection.unprocessable(
                    RejectReason.INVALID_DATES,
                    expression + ": " + what + " ends ("
                            + period.getEndElement().getValueAsString() + ") before it starts ("
                            + period.getStartElement().getValueAsString() + ")",
                    expression);
        }
    }

    private static String describe(Reference reference) {
        return reference.hasReference()
                ? reference.getReference()
                : reference.hasDisplay() ? reference.getDisplay() : "a seat";
    }
}
