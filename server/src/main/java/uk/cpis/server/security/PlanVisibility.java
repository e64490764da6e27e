package uk.cpis.server.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;

/**
 * Which plans a clinician's look-up shows, and so which people: the rules {@link RecordVisibility}
 * applies to every answer and {@code ChildRecord} to the look-up itself, written once.
 */
public final class PlanVisibility {

    private PlanVisibility() {}

    /**
     * A person (one council's record of a child) is shown to a clinician only with a plan a look-up
     * shows: without one, not even that CP-IS knows them.
     */
    public static boolean personShown(List<Flag> plansOfPerson, Instant now) {
        return plansOfPerson.stream().anyMatch(plan -> shownInLookUp(plan, now));
    }

    /** Active plans, and plans ended less than 12 months ago; never a plan entered in error. */
    public static boolean shownInLookUp(Flag plan, Instant now) {
        if (plan.getStatus() == null) {
            return false;
        }
        return switch (plan.getStatus()) {
            case ACTIVE -> true;
            case INACTIVE ->
                !plan.getPeriod().hasEnd()
                        || plan.getPeriod().getEnd().toInstant().isAfter(now.minus(365, ChronoUnit.DAYS));
            default -> false;
        };
    }
}
