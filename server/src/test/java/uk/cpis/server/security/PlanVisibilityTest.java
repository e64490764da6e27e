package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.junit.jupiter.api.Test;

/** Which plans a clinician's look-up shows, and so which people (PlanVisibility). */
class PlanVisibilityTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    @Test
    void anActivePlanIsShown() {
        assertThat(PlanVisibility.shownInLookUp(plan(FlagStatus.ACTIVE, null), NOW))
                .isTrue();
    }

    @Test
    void aPlanEndedLessThanAYearAgoIsShown() {
        assertThat(PlanVisibility.shownInLookUp(plan(FlagStatus.INACTIVE, NOW.minus(364, ChronoUnit.DAYS)), NOW))
                .isTrue();
    }

    @Test
    void aPlanEndedMoreThanAYearAgoIsNotShown() {
        assertThat(PlanVisibility.shownInLookUp(plan(FlagStatus.INACTIVE, NOW.minus(366, ChronoUnit.DAYS)), NOW))
                .isFalse();
    }

    @Test
    void anEndedPlanWithoutAnEndDateIsShown() {
        assertThat(PlanVisibility.shownInLookUp(plan(FlagStatus.INACTIVE, null), NOW))
                .isTrue();
    }

    @Test
    void aPlanEnteredInErrorOrWithoutStatusIsNeverShown() {
        assertThat(PlanVisibility.shownInLookUp(plan(FlagStatus.ENTEREDINERROR, null), NOW))
                .isFalse();
        assertThat(PlanVisibility.shownInLookUp(new Flag(), NOW)).isFalse();
    }

    @Test
    void aPersonIsShownOnlyWithAPlanTheLookUpShows() {
        Flag longEnded = plan(FlagStatus.INACTIVE, NOW.minus(400, ChronoUnit.DAYS));
        Flag mistake = plan(FlagStatus.ENTEREDINERROR, null);
        assertThat(PlanVisibility.personShown(List.of(), NOW)).isFalse();
        assertThat(PlanVisibility.personShown(List.of(longEnded, mistake), NOW)).isFalse();
        assertThat(PlanVisibility.personShown(List.of(longEnded, plan(FlagStatus.ACTIVE, null)), NOW))
                .isTrue();
    }

    private static Flag plan(FlagStatus status, Instant ended) {
        Flag plan = new Flag().setStatus(status);
        plan.getPeriod().setStart(Date.from(NOW.minus(800, ChronoUnit.DAYS)));
        if (ended != null) {
            plan.getPeriod().setEnd(Date.from(ended));
        }
        return plan;
    }
}
