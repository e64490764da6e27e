package uk.cpis.server.boards;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import uk.cpis.server.contract.Operations;

/**
 * The period of the board statistics: whole calendar months, from the first day of {@code first} to the
 * last day of {@code last}, both included. Whole months only, so that two questions a board administrator
 * may ask never differ by a day or a week (issue 14: the totals to day D and to day D-1 differed by the one
 * child whose plan started on day D), and any difference is left to {@link DisclosureControl}'s rounding.
 * <ul>
 * <li>{@code start} is a month, {@code YYYY-MM}, or its first day, {@code YYYY-MM-DD} (kept for clients of
 * the day form); {@code end} is a month or its last day. Anything else, a missing value, or an end month
 * before the start month, is refused (400) with a message naming the parameter and the rule.</li>
 * <li>Only months that have passed are counted: an end in the current month or later is cut back to the
 * end of the last whole month (the answer's {@code end} says which day figures run to), so the figures of
 * a period do not grow day by day while a month is under way. A start in the current month or later has
 * no whole month to count and is refused (400).</li>
 * </ul>
 * "Today", and so the current month, is the server's clock in the server's time zone, the zone the
 * figures' days are counted in.
 */
public record ReportingPeriod(YearMonth first, YearMonth last) {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The period asked for by {@code start} and {@code end}, cut back to the months passed by {@code today}. */
    public static ReportingPeriod requested(String start, String end, LocalDate today) {
        YearMonth first = month("start", start, true);
        YearMonth last = month("end", end, false);
        if (last.isBefore(first)) {
            throw refused("end (" + end.trim() + ") is before start (" + start.trim() + ")");
        }
        YearMonth lastPassed = YearMonth.from(today).minusMonths(1);
        if (first.isAfter(lastPassed)) {
            throw refused(
                    "start (" + start.trim() + ") is in a month that has not ended yet: figures are counted for whole "
                            + "months that have passed only, the latest being " + lastPassed);
        }
        return new ReportingPeriod(first, last.isAfter(lastPassed) ? lastPassed : last);
    }

    /** The first day of the period. */
    public LocalDate start() {
        return first.atDay(1);
    }

    /** The last day of the period. */
    public LocalDate end() {
        return last.atEndOfMonth();
    }

    private static YearMonth month(String name, String value, boolean isStart) {
        String rule = name + " must be a whole month, " + name + "=YYYY-MM (e.g. " + name + "=2025-03), or "
                + (isStart
                        ? "its first day, start=YYYY-MM-DD (e.g. start=2025-03-01)"
                        : "its last day, end=YYYY-MM-DD (e.g. end=2025-03-31)")
                + ": board statistics are published for whole calendar months only";
        String text = value == null ? "" : value.trim();
        try {
            if (MONTH.matcher(text).matches()) {
                return YearMonth.parse(text);
            }
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                YearMonth month = YearMonth.from(day);
                if (isStart ? day.getDayOfMonth() != 1 : !day.equals(month.atEndOfMonth())) {
                    throw refused(name + " (" + text + ") is not the " + (isStart ? "first" : "last")
                            + " day of a month; " + rule);
                }
                return month;
            }
        } catch (DateTimeParseException e) {
            // falls through to the rule: not a real month or day (2025-13, 2025-02-30)
        }
        throw refused(
                (text.isEmpty() ? name + " is missing" : name + " (" + shortened(text) + ") is not a month or a day")
                        + "; " + rule);
    }

    /** The caller's own text, cut short: it is echoed back, and need not be long to show what was wrong. */
    private static String shortened(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    private static InvalidRequestException refused(String problem) {
        return new InvalidRequestException(Operations.STATISTICS + ": " + problem);
    }
}
