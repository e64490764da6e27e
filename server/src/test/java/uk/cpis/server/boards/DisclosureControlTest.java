package uk.cpis.server.boards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The published figure of every small count, and of counts either side of each rounding boundary. */
class DisclosureControlTest {

    @Test
    void countsBelowFiveAreSuppressedZeroIncluded() {
        for (int count = 0; count < 5; count++) {
            assertThat(DisclosureControl.published(count)).as("%d", count).isEmpty();
        }
    }

    @Test
    void everyOtherCountIsRoundedToTheNearestFive() {
        int[][] expected = {
            {5, 5},
            {6, 5},
            {7, 5},
            {8, 10},
            {10, 10},
            {12, 10},
            {13, 15},
            {17, 15},
            {18, 20},
            {42_702, 42_700},
            {42_703, 42_705}
        };
        for (int[] pair : expected) {
            assertThat(DisclosureControl.published(pair[0])).as("%d", pair[0]).isEqualTo(OptionalInt.of(pair[1]));
        }
    }

    @Test
    void aPublishedFigureIsAMultipleOfFiveWithinTwoOfTheCount() {
        for (int count = 5; count < 1_000; count++) {
            int published = DisclosureControl.published(count).orElseThrow();
            assertThat(published % 5).isZero();
            assertThat(Math.abs(published - count)).as("%d", count).isLessThanOrEqualTo(2);
        }
    }

    /** Issue 14's attack: two figures differing by one child publish the same figure or differ by 5. */
    @Test
    void twoCountsDifferingByOneDoNotPublishADifferenceOfOne() {
        for (int count = 5; count < 1_000; count++) {
            int difference = DisclosureControl.published(count + 1).orElseThrow()
                    - DisclosureControl.published(count).orElseThrow();
            assertThat(difference).as("%d", count).isIn(0, 5);
        }
    }

    @Test
    void hugeCountsDoNotOverflow() {
        assertThat(DisclosureControl.published(Integer.MAX_VALUE).orElseThrow() % 5)
                .isZero();
    }
}
