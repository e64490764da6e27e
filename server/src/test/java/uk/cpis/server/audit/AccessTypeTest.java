package uk.cpis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Codes;

/** Whether a look-up is unscheduled or scheduled (AccessType.of), as the national CP-IS API decides it. */
class AccessTypeTest {

    private static final List<String> SCHEDULED_CARE = List.of("B0170");
    private static final List<String> UNSCHEDULED_CARE = List.of(Codes.UNSCHEDULED_CARE_ACTIVITY);

    @Test
    void aLookUpWithoutTheHeaderIsUnscheduled() {
        assertThat(AccessType.of(SCHEDULED_CARE, null)).isEqualTo(AccessType.UNSCHEDULED);
    }

    @Test
    void theHeaderFalseMakesAScheduledCareLookUpScheduled() {
        assertThat(AccessType.of(SCHEDULED_CARE, "false")).isEqualTo(AccessType.SCHEDULED);
        assertThat(AccessType.of(SCHEDULED_CARE, " FALSE ")).isEqualTo(AccessType.SCHEDULED);
    }

    @Test
    void anyOtherHeaderValueIsUnscheduledSoALookUpIsNeverSilentByAccident() {
        assertThat(AccessType.of(SCHEDULED_CARE, "true")).isEqualTo(AccessType.UNSCHEDULED);
        assertThat(AccessType.of(SCHEDULED_CARE, "no")).isEqualTo(AccessType.UNSCHEDULED);
        assertThat(AccessType.of(SCHEDULED_CARE, "")).isEqualTo(AccessType.UNSCHEDULED);
    }

    @Test
    void unscheduledCareCannotMakeItsLookUpsSilent() {
        assertThat(AccessType.of(UNSCHEDULED_CARE, "false")).isEqualTo(AccessType.UNSCHEDULED);
    }

    @Test
    void theCodesAreTheAccessTypeCodeSystems() {
        assertThat(AccessType.UNSCHEDULED.code()).isEqualTo(Codes.UNSCHEDULED);
        assertThat(AccessType.SCHEDULED.code()).isEqualTo(Codes.SCHEDULED);
    }

    @Test
    void unscheduledCareIsUnscheduledWhateverTheHeaderSays() {
        assertThat(AccessType.of(UNSCHEDULED_CARE, null)).isEqualTo(AccessType.UNSCHEDULED);
        assertThat(AccessType.of(UNSCHEDULED_CARE, "true")).isEqualTo(AccessType.UNSCHEDULED);
        assertThat(AccessType.of(UNSCHEDULED_CARE, "garbage")).isEqualTo(AccessType.UNSCHEDULED);
    }

    @Test
    void aCallerWithBothActivitiesCannotMakeItsLookUpsSilent() {
        assertThat(AccessType.of(List.of("B0170", Codes.UNSCHEDULED_CARE_ACTIVITY), "false"))
                .isEqualTo(AccessType.UNSCHEDULED);
    }

    @Test
    void aCallerWithNoActivityFollowsTheHeader() {
        assertThat(AccessType.of(List.of(), "false")).isEqualTo(AccessType.SCHEDULED);
        assertThat(AccessType.of(List.of(), null)).isEqualTo(AccessType.UNSCHEDULED);
    }
}
