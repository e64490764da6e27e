package uk.cpis.server.boards;

import java.util.OptionalInt;

/**
 * Statistical disclosure control of the board statistics: what a count becomes before it is published, so
 * that no figure, and no difference or sum of figures, tells anyone how many children (a number below
 * {@value #THRESHOLD}) something happened to. The method is the one official statistics use for small
 * areas (suppression plus rounding to a base of 5):
 * <ol>
 * <li><b>Suppression.</b> A count below {@value #THRESHOLD}, 0 included, is not published at all (so a
 * published figure is never "0", "1" or "2": a zero cannot be told from a small number).</li>
 * <li><b>Rounding.</b> Every other count is rounded to the nearest multiple of {@value #ROUNDING_BASE}:
 * 5, 6 and 7 are published as 5; 8 to 12 as 10; 13 to 17 as 15. A published figure is therefore at most 2
 * from the true count, and the difference of two published figures (a council and the nation, a period
 * and a shorter one, a total and its parts) is only known to within a range up to 9 wide, not as an
 * exact small number. Integers never fall half-way between two multiples of 5, so no tie rule is needed.</li>
 * <li><b>Each figure from its own count.</b> A total (all plan types) is rounded from its own exact count,
 * never summed from rounded or suppressed parts, and a part is never derived from the total: published
 * figures need not add up, which is what stops a suppressed part being recovered as the total minus the
 * parts shown.</li>
 * </ol>
 * The other half of the method is the period: figures are for whole calendar months that have passed
 * ({@link ReportingPeriod}), so two allowed questions differ by at least a whole month, never a day.
 * Rounding is deterministic: the same question gets the same answer, so asking again gains nothing.
 * The threshold and base are policy, not configuration: a deployment cannot weaken them by a setting.
 */
public final class DisclosureControl {

    /** Counts below this are suppressed. */
    public static final int THRESHOLD = 5;
    /** Published counts are multiples of this. */
    public static final int ROUNDING_BASE = 5;

    private DisclosureControl() {}

    /** The figure to publish for an exact count: the count rounded to the nearest 5, or empty when suppressed. */
    public static OptionalInt published(int exactCount) {
        if (exactCount < THRESHOLD) {
            return OptionalInt.empty();
        }
        long rounded = ((long) exactCount + ROUNDING_BASE / 2) / ROUNDING_BASE * ROUNDING_BASE;
        return OptionalInt.of((int) Math.min(rounded, Integer.MAX_VALUE / ROUNDING_BASE * ROUNDING_BASE));
    }
}
