package uk.cpis.server.boards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The periods the board statistics accept: whole months that have passed, as months or as their first and last days. */
class ReportingPeriodTest {

    static final LocalDate TODAY = LocalDate.parse("2025-06-14");

    @Test
    void monthsAndTheirFirstAndLastDaysAreTheSamePeriod() {
        ReportingPeriod months = ReportingPeriod.requested("2024-04", "2025-03", TODAY);
        assertThat(months).isEqualTo(new ReportingPeriod(YearMonth.of(2024, 4), YearMonth.of(2025, 3)));
        assertThat(ReportingPeriod.requested("2024-04-01", "2025-03-31", TODAY)).isEqualTo(months);
        assertThat(ReportingPeriod.requested(" 2024-04-01", "2025-03 ", TODAY)).isEqualTo(months);
        assertThat(months.start()).isEqualTo("2024-04-01");
        assertThat(months.end()).isEqualTo("2025-03-31");
        // one month; February's last day in a leap year
        ReportingPeriod february = ReportingPeriod.requested("2024-02-01", "2024-02-29", TODAY);
        assertThat(february.start()).isEqualTo("2024-02-01");
        assertThat(february.end()).isEqualTo("2024-02-29");
    }

    @Test
    void aDayThatIsNotTheFirstOrLastOfItsMonthIsRefusedNamingTheParameterAndTheRule() {
        assertThatThrownBy(() -> ReportingPeriod.requested("2024-04-02", "2025-03-31", TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("start (2024-04-02) is not the first day of a month")
                .hasMessageContaining("whole calendar months only");
        assertThatThrownBy(() -> ReportingPeriod.requested("2024-04-01", "2025-03-30", TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("end (2025-03-30) is not the last day of a month")
                .hasMessageContaining("end=YYYY-MM");
        assertThatThrownBy(() -> ReportingPeriod.requested("2023-02-01", "2023-02-29", TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("end (2023-02-29)");
    }

    @Test
    void malformedMissingAndBackwardPeriodsAreRefused() {
        for (String[] bad : new String[][] {
            {"yesterday", "2025-03"},
            {"2024-4", "2025-03"},
            {"2024-13", "2025-03"},
            {"2024-04", "2025-03-31T00:00"},
            {null, "2025-03"},
            {"2024-04", ""}
        }) {
            assertThatThrownBy(() -> ReportingPeriod.requested(bad[0], bad[1], TODAY))
                    .as(bad[0] + " " + bad[1])
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("must be a whole month");
        }
        assertThatThrownBy(() -> ReportingPeriod.requested("2025-04", "2025-03", TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("end (2025-03) is before start (2025-04)");
    }

    @Test
    void anEndInAMonthNotYetOverIsCutBackToTheLastWholeMonthPassed() {
        assertThat(ReportingPeriod.requested("2025-01", "2025-06", TODAY).end()).isEqualTo("2025-05-31");
        assertThat(ReportingPeriod.requested("2025-01-01", "2025-12-31", TODAY).end())
                .isEqualTo("2025-05-31");
        assertThat(ReportingPeriod.requested("2025-05", "2025-05", TODAY).end()).isEqualTo("2025-05-31");
        // on the last day of June, June has still not passed
        assertThat(ReportingPeriod.requested("2025-01", "2025-06", LocalDate.parse("2025-06-30"))
                        .end())
                .isEqualTo("2025-05-31");
        assertThat(ReportingPeriod.requested("2025-01", "2025-06", LocalDate.parse("2025-07-01"))
                        .end())
                .isEqualTo("2025-06-30");
    }

    @Test
    void aStartInAMonthNotYetOverIsRefused() {
        assertThatThrownBy(() -> ReportingPeriod.requested("2025-06", "2025-06", TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("start (2025-06) is in a month that has not ended yet")
                .hasMessageContaining("the latest being 2025-05");
    }
}
