package uk.cpis.server.boards;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessLog;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.database.HapiIndexTables;
import uk.cpis.server.database.HapiStatisticsTables;
import uk.cpis.server.database.HapiStatisticsTables.Period;
import uk.cpis.server.notifications.NotificationOutbox;

/**
 * The figures of the board statistics, counted over HAPI's index tables ({@link HapiStatisticsTables}): one pass
 * over the plans for the active, started and ended figures of every category; counts of the
 * unscheduled accesses, the distinct children accessed (a count HAPI's search cannot make) and the
 * repeat-attendance alerts (read by their tag); and a count of the notification queue's delivered rows.
 * These are exact counts, for any days: they are never published as they are, but only through
 * {@link StatisticsOperation}, for whole months ({@link ReportingPeriod}) and after
 * {@link DisclosureControl}.
 */
@Component
public class BoardStatistics {

    /** A plan category: its figure name and its SNOMED CT code. */
    public enum Category {
        CPP(Codes.CHILD_PROTECTION_PLAN, "Child protection plan"),
        LAC(Codes.LOOKED_AFTER_CHILD, "Looked after child"),
        UCPP(Codes.UNBORN_CHILD_PROTECTION_PLAN, "Unborn child protection plan");

        final String snomed;
        final String display;

        Category(String snomed, String display) {
            this.snomed = snomed;
            this.display = display;
        }
    }

    /** The period (whole days, both included) and the council, if only one. */
    public record Scope(LocalDate start, LocalDate end, Optional<Council> council) {

        /** The first instant of the period: whole days in the server's time zone, as the dates of the records it writes. */
        Instant from() {
            return start.atStartOfDay(ZoneId.systemDefault()).toInstant();
        }

        /** The first instant after the period. */
        Instant until() {
            return end.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
        }
    }

    /** A council: its reference, its database key (which the index tables refer to it by) and its ODS code. */
    public record Council(String reference, long pid, String ods) {}

    private final HapiStatisticsTables tables;
    private final HapiIndexTables index;
    private final NotificationOutbox outbox;
    private final AccessLog accessLog;

    public BoardStatistics(
            HapiStatisticsTables tables, HapiIndexTables index, NotificationOutbox outbox, AccessLog accessLog) {
        this.tables = tables;
        this.index = index;
        this.outbox = outbox;
        this.accessLog = accessLog;
    }

    /**
     * The plan figures of the period, by category: active on the last day (started by it, not ended by
     * it), started in the period, ended in the period. Plans entered in error are not counted.
     */
    public PlanFigures planFigures(Scope scope) {
        Map<String, HapiStatisticsTables.PlanCounts> byCode = tables.planCounts(
                period(scope),
                CodeSystems.SNOMED,
                Arrays.stream(Category.values())
                        .map(category -> category.snomed)
                        .toList());
        Map<Category, PlanCounts> figures = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            HapiStatisticsTables.PlanCounts counts = byCode.get(category.snomed);
            if (counts != null) {
                figures.put(category, new PlanCounts(counts.active(), counts.started(), counts.ended()));
            }
        }
        return new PlanFigures(figures);
    }

    /** Plans active on the last day, started and ended in the period. */
    public record PlanCounts(int active, int started, int ended) {

        static final PlanCounts NONE = new PlanCounts(0, 0, 0);
    }

    /** The plan counts by category; a null category is all of them. */
    public record PlanFigures(Map<Category, PlanCounts> byCategory) {

        public PlanCounts of(Category category) {
            if (category != null) {
                return byCategory.getOrDefault(category, PlanCounts.NONE);
            }
            return byCategory.values().stream()
                    .reduce(
                            PlanCounts.NONE,
                            (a, b) -> new PlanCounts(
                                    a.active() + b.active(), a.started() + b.started(), a.ended() + b.ended()));
        }
    }

    /**
     * Unscheduled access records (one per look-up in unscheduled care) in the period: stored AuditEvents,
     * and nationally also the look-ups that showed nothing ({@link AccessLog}: they name no council).
     */
    public int unscheduledAccesses(Scope scope) {
        long nothingShown = scope.council().isPresent() ? 0 : accessLog.unscheduledBetween(scope.from(), scope.until());
        return Math.toIntExact(tables.accessRecords(period(scope), Codes.UNSCHEDULED) + nothingShown);
    }

    /** Distinct children (or mothers, for unborn plans) named by the unscheduled access records of the period. */
    public int childrenAccessed(Scope scope) {
        return tables.patientsNamedByAccessRecords(period(scope), Codes.UNSCHEDULED);
    }

    /**
     * Repeat-attendance alerts: the unscheduled access records of the period tagged {@code repeat-attendance}
     * when stored (the access completed the pattern, so the council's notification of it is an alert).
     */
    public int repeatAttendanceAlerts(Scope scope) {
        return tables.taggedAuditEvents(period(scope), CodeSystems.NOTIFICATION_TAG, Codes.REPEAT_ATTENDANCE);
    }

    /**
     * Notifications delivered: deliveries the councils' endpoints acknowledged in the period, by the
     * queue's own record (one per notification and subscription).
     */
    public int notificationsDelivered(Scope scope) {
        long count = outbox.deliveredBetween(
                scope.from(), scope.until(), scope.council().map(Council::ods));
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** The database key of a stored Organization, which the index tables refer to it by. */
    public long organisationPid(String id) {
        return index.organisationRow(id);
    }

    private static Period period(Scope scope) {
        return new Period(
                ordinal(scope.start()),
                ordinal(scope.end()),
                scope.council().map(council -> OptionalLong.of(council.pid())).orElse(OptionalLong.empty()));
    }

    private static int ordinal(LocalDate day) {
        return Integer.parseInt(day.format(DateTimeFormatter.BASIC_ISO_DATE));
    }
}
