package uk.cpis.server.boards;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;
import static uk.cpis.server.testsupport.CpisResources.UCPP;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.boards.BoardStatistics.Category;
import uk.cpis.server.boards.BoardStatistics.Council;
import uk.cpis.server.boards.BoardStatistics.PlanCounts;
import uk.cpis.server.boards.BoardStatistics.PlanFigures;
import uk.cpis.server.boards.BoardStatistics.Scope;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestClock;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * The board statistics on a known data set: a council of its own (so the sample data and other tests
 * do not disturb its counts) with plans and access records stored beneath the access rules, then the
 * exact counts asserted on the counting itself ({@link BoardStatistics}) and the published figures over
 * HTTP: rounded to the nearest 5, counts below 5 suppressed, whole calendar months only, and the operation
 * refused to everyone but board administrators. Repeat-attendance alerts and delivered notifications
 * come from another council of their own, through real look-ups and a real listener, at times set on the
 * server's clock.
 */
class BoardStatisticsIT extends PostgresServerTest {

    private static final Logger log = LoggerFactory.getLogger(BoardStatisticsIT.class);
    static final String PERIOD = "start=2024-04-01&end=2025-03-31";

    @Autowired
    TestClock clock;

    @Autowired
    BoardStatistics statistics;

    String ods;
    Reference council;
    Reference otherCouncil;

    @BeforeEach
    void knownDataSet() {
        ods = "SX" + NhsNumbers.next().substring(6);
        council = council(ods, "Statistics Borough Council");
        otherCouncil = council(TestCouncil.MEDWAY);

        // child protection plans active on 31 March 2025: 2 from before the period, 6 started in it (one of
        // them in its last month), and one ending after it
        List<Reference> active = new java.util.ArrayList<>();
        active.add(plan(CPP, "2023-06-01", null, Flag.FlagStatus.ACTIVE));
        active.add(plan(CPP, "2023-06-01", null, Flag.FlagStatus.ACTIVE));
        for (String start : List.of("2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01")) {
            active.add(plan(CPP, start, null, Flag.FlagStatus.ACTIVE));
        }
        plan(CPP, "2025-03-15", null, Flag.FlagStatus.ACTIVE);
        plan(CPP, "2024-06-01", "2025-06-30", Flag.FlagStatus.ACTIVE);
        // ended in the period: 5 that started before it, one that started and ended in it, one ending on its last day
        for (int i = 0; i < 5; i++) {
            plan(CPP, "2023-01-10", "2024-07-01", Flag.FlagStatus.INACTIVE);
        }
        plan(CPP, "2024-05-01", "2024-12-01", Flag.FlagStatus.INACTIVE);
        plan(CPP, "2024-01-01", "2025-03-31", Flag.FlagStatus.INACTIVE);
        // never counted: entered in error, and one starting after the period
        plan(CPP, "2024-06-01", null, Flag.FlagStatus.ENTEREDINERROR);
        plan(CPP, "2025-04-01", null, Flag.FlagStatus.ACTIVE);
        // three looked-after children, no unborn plan: both below the threshold
        for (int i = 0; i < 3; i++) {
            plan(LAC, "2024-05-01", null, Flag.FlagStatus.ACTIVE);
        }

        // 8 unscheduled accesses to 5 children in the period
        access(active.get(0), "2024-05-10T10:00:00Z", "unscheduled", council);
        access(active.get(0), "2024-08-10T10:00:00Z", "unscheduled", council);
        access(active.get(0), "2025-03-31T22:00:00Z", "unscheduled", council);
        access(active.get(1), "2024-04-01T00:30:00Z", "unscheduled", council);
        access(active.get(1), "2024-12-24T18:00:00Z", "unscheduled", council);
        access(active.get(2), "2024-06-15T09:00:00Z", "unscheduled", council);
        access(active.get(3), "2024-07-15T09:00:00Z", "unscheduled", council);
        access(active.get(4), "2024-09-15T09:00:00Z", "unscheduled", council);
        // not counted: a scheduled (silent) read, an access after the period, another council's record
        access(active.get(5), "2024-09-15T09:00:00Z", "scheduled", council);
        access(active.get(5), "2025-04-02T09:00:00Z", "unscheduled", council);
        access(active.get(6), "2024-09-15T09:00:00Z", "unscheduled", otherCouncil);
    }

    @Test
    void aCouncilsFiguresAreCountedExactlyThenPublishedRoundedToFiveWithCountsBelowFiveSuppressed() {
        Scope year =
                new Scope(LocalDate.parse("2024-04-01"), LocalDate.parse("2025-03-31"), Optional.of(councilScope()));
        PlanFigures plans = statistics.planFigures(year);
        assertThat(plans.of(Category.CPP)).isEqualTo(new PlanCounts(9, 8, 7));
        assertThat(plans.of(Category.LAC)).isEqualTo(new PlanCounts(3, 3, 0));
        assertThat(plans.of(Category.UCPP)).isEqualTo(new PlanCounts(0, 0, 0));
        assertThat(plans.of(null)).isEqualTo(new PlanCounts(12, 11, 7));
        assertThat(statistics.unscheduledAccesses(year)).isEqualTo(8);
        assertThat(statistics.childrenAccessed(year)).isEqualTo(5);

        long before = System.nanoTime();
        Parameters figures = statistics("board-admin", PERIOD + "&council=" + ods);
        log.info("$cpis-statistics for one council answered in {} ms", (System.nanoTime() - before) / 1_000_000);

        assertThat(figures.getParameter("start").getValue().primitiveValue()).isEqualTo("2024-04-01");
        assertThat(figures.getParameter("end").getValue().primitiveValue()).isEqualTo("2025-03-31");
        assertThat(((Reference) figures.getParameter("council").getValue()).getReference())
                .isEqualTo(council.getReference());
        assertThat(((IntegerType) figures.getParameter("suppression-threshold").getValue()).getValue())
                .isEqualTo(5);
        assertThat(((IntegerType) figures.getParameter("rounding-base").getValue()).getValue())
                .isEqualTo(5);

        // 12 -> 10, 9 -> 10; 3 and 0 suppressed
        assertThat(count(figures, "active-plans", null)).contains(10);
        assertThat(count(figures, "active-plans", CPP)).contains(10);
        assertSuppressed(figures, "active-plans", LAC);
        assertSuppressed(figures, "active-plans", UCPP);
        // 11 -> 10, 8 -> 10; each figure from its own count, so the published parts need not add up to the total
        assertThat(count(figures, "plans-started", null)).contains(10);
        assertThat(count(figures, "plans-started", CPP)).contains(10);
        assertSuppressed(figures, "plans-started", LAC);
        assertSuppressed(figures, "plans-started", UCPP);
        // 7 -> 5
        assertThat(count(figures, "plans-ended", null)).contains(5);
        assertThat(count(figures, "plans-ended", CPP)).contains(5);
        assertSuppressed(figures, "plans-ended", LAC);
        // 8 -> 10, 5 -> 5
        assertThat(count(figures, "unscheduled-accesses", null)).contains(10);
        assertThat(count(figures, "children-accessed", null)).contains(5);
        // none of its children was looked up from several settings, and it has no subscription: 0, suppressed
        assertSuppressed(figures, "repeat-attendance-alerts", null);
        assertSuppressed(figures, "notifications-delivered", null);

        // the same period as months: the same answer
        Parameters asMonths = statistics("board-admin", "start=2024-04&end=2025-03&council=" + ods);
        figures.getParameter().removeIf(parameter -> parameter.getName().equals("generated"));
        asMonths.getParameter().removeIf(parameter -> parameter.getName().equals("generated"));
        assertThat(FHIR.newJsonParser().encodeResourceToString(asMonths))
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(figures));

        // a quarter: the accesses fall below the threshold and are suppressed too
        Parameters spring = statistics("board-admin", "start=2024-04-01&end=2024-06-30&council=" + ods);
        assertSuppressed(spring, "unscheduled-accesses", null);
        assertSuppressed(spring, "children-accessed", null);
        // on 30 June 2024 the plans that ended later were still active: 12 -> 10, and with the 3 LAC 15 -> 15
        assertThat(count(spring, "active-plans", CPP)).contains(10);
        assertThat(count(spring, "active-plans", null)).contains(15);
    }

    /**
     * Issue 14: one CPP plan started on 15 March 2025. The totals to that day and to the day before cannot be
     * asked for; the nearest two periods that can be (to the end of February and of March) publish 5 and 10,
     * a difference of 5 where the truth is 1 (7 and 8 started).
     */
    @Test
    void twoPeriodsAllowedDifferByWholeMonthsAndTheirDifferenceIsNotTheExactSmallNumber() {
        for (String end : List.of("2025-03-15", "2025-03-14")) {
            Response refused =
                    httpAs("board-admin").get("/fhir/$cpis-statistics?start=2024-04-01&end=" + end + "&council=" + ods);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body().asString())
                    .contains("OperationOutcome")
                    .contains("end (" + end + ") is not the last day of a month");
        }
        Scope toFebruary =
                new Scope(LocalDate.parse("2024-04-01"), LocalDate.parse("2025-02-28"), Optional.of(councilScope()));
        assertThat(statistics.planFigures(toFebruary).of(Category.CPP).started())
                .isEqualTo(7);

        assertThat(count(statistics("board-admin", "start=2024-04&end=2025-02&council=" + ods), "plans-started", CPP))
                .contains(5);
        assertThat(count(statistics("board-admin", "start=2024-04&end=2025-03&council=" + ods), "plans-started", CPP))
                .contains(10);
    }

    /** A period running into a month not yet over counts to the end of the last whole month, and says so. */
    @Test
    void aPeriodEndingInAMonthNotYetOverIsCountedToTheLastWholeMonth() {
        YearMonth current = YearMonth.from(LocalDate.now(clock.withZone(ZoneId.systemDefault())));
        Parameters figures = statistics(
                "board-admin",
                "start=" + current.minusMonths(3) + "&end="
                        + current.plusMonths(2).atEndOfMonth());
        assertThat(figures.getParameter("start").getValue().primitiveValue())
                .isEqualTo(current.minusMonths(3).atDay(1).toString());
        assertThat(figures.getParameter("end").getValue().primitiveValue())
                .isEqualTo(current.minusMonths(1).atEndOfMonth().toString());

        Response refused = httpAs("board-admin").get("/fhir/$cpis-statistics?start=" + current + "&end=" + current);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString())
                .contains("OperationOutcome")
                .contains("start (" + current + ") is in a month that has not ended yet");
    }

    /**
     * Alerts and deliveries for a council of their own, made the way they are in service: the council joins
     * the agreement, uploads two children's plans and subscribes twice (one listener answers 200, the other
     * 503, so only the first one's deliveries succeed); clinicians at three care settings look the children
     * up, one child a few days before the end of last month (the server's clock moved back), the other
     * today. This month's figures are published once it is over (the clock moved on).
     */
    @Test
    void repeatAttendanceAlertsAndDeliveredNotificationsAreCountedExactlyAndPublishedRounded() {
        String alerting = "SA" + NhsNumbers.next().substring(6);
        String councilSystem = "la-" + alerting;
        Reference alertingCouncil = council(alerting, "Alerting Borough Council");
        joinSharingAgreement(alertingCouncil);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        YearMonth thisMonth = YearMonth.from(today);
        YearMonth lastMonth = thisMonth.minusMonths(1);
        try (CouncilListener listener = CouncilListener.start();
                CouncilListener unwell = CouncilListener.start()) {
            unwell.answer(503);
            List<String> subscriptions =
                    List.of(subscribe(councilSystem, alerting, listener), subscribe(councilSystem, alerting, unwell));
            try {
                String lastMonthsChild = child(councilSystem, alerting);
                String thisMonthsChild = child(councilSystem, alerting);
                clock.shift(Duration.ofDays(-(today.getDayOfMonth() + 4)));
                // three settings, then one seen before: the third and fourth look-ups are alerts
                lookUps(lastMonthsChild, "ed-clinician", "ed-RHW", "gp", "ed-clinician");
                // their 4 deliveries to the listener are acknowledged on the server's clock: last month
                Scope last = new Scope(
                        lastMonth.atDay(1),
                        lastMonth.atEndOfMonth(),
                        Optional.of(councilScope(alertingCouncil, alerting)));
                NotificationsIT.eventually(() ->
                        assertThat(statistics.notificationsDelivered(last)).isEqualTo(4));
                clock.reset();
                // three settings, then two seen before: the third, fourth and fifth are alerts
                lookUps(thisMonthsChild, "ed-clinician", "ed-RHW", "gp", "ed-RHW", "gp");
                unwell.await(request -> true, 1, NotificationsIT.ARRIVAL);

                Scope both = new Scope(
                        lastMonth.atDay(1),
                        thisMonth.atEndOfMonth(),
                        Optional.of(councilScope(alertingCouncil, alerting)));
                // 9 look-ups notified to two subscriptions: 18 deliveries queued, the 9 to the listener acknowledged
                // (4 last month, 5 this month)
                NotificationsIT.eventually(() ->
                        assertThat(statistics.notificationsDelivered(both)).isEqualTo(9));
                assertThat(statistics.repeatAttendanceAlerts(both)).isEqualTo(5);
                assertThat(statistics.unscheduledAccesses(both)).isEqualTo(9);
                assertThat(statistics.childrenAccessed(both)).isEqualTo(2);

                // this month is not over: not yet published
                Response notYet = httpAs("board-admin")
                        .get("/fhir/$cpis-statistics?start=" + thisMonth + "&end=" + thisMonth + "&council="
                                + alerting);
                assertThat(notYet.statusCode()).as(notYet.body().asString()).isEqualTo(400);
                // last month: 2 alerts, 4 accesses, 4 delivered: all suppressed
                Parameters then =
                        statistics("board-admin", "start=" + lastMonth + "&end=" + lastMonth + "&council=" + alerting);
                assertSuppressed(then, "repeat-attendance-alerts", null);
                assertSuppressed(then, "notifications-delivered", null);
                assertSuppressed(then, "unscheduled-accesses", null);

                clock.shift(Duration.ofDays(thisMonth.lengthOfMonth() - today.getDayOfMonth() + 2));
                Parameters figures =
                        statistics("board-admin", "start=" + lastMonth + "&end=" + thisMonth + "&council=" + alerting);
                assertThat(figures.getParameter("end").getValue().primitiveValue())
                        .isEqualTo(thisMonth.atEndOfMonth().toString());
                assertThat(count(figures, "repeat-attendance-alerts", null)).contains(5);
                assertThat(count(figures, "unscheduled-accesses", null)).contains(10); // 9
                assertThat(count(figures, "notifications-delivered", null)).contains(10); // 9
                assertSuppressed(figures, "children-accessed", null);
                // this month: 3 alerts, suppressed; 5 accesses; 5 deliveries
                Parameters lately =
                        statistics("board-admin", "start=" + thisMonth + "&end=" + thisMonth + "&council=" + alerting);
                assertSuppressed(lately, "repeat-attendance-alerts", null);
                assertThat(count(lately, "unscheduled-accesses", null)).contains(5);
                assertThat(count(lately, "notifications-delivered", null)).contains(5);

                Parameters national = statistics("board-admin", "start=" + lastMonth + "&end=" + thisMonth);
                assertThat(count(national, "repeat-attendance-alerts", null))
                        .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(5));
                assertThat(count(national, "notifications-delivered", null))
                        .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(10));
            } finally {
                clock.reset();
                for (String subscription : subscriptions) {
                    httpAs(councilSystem).delete("/fhir/Subscription/" + subscription);
                }
            }
        }
    }

    /**
     * Look-ups of numbers CP-IS knows nothing of are in the access log, not the AuditEvent store: still counted
     * (exactly, by the counting itself: the national figures of this month are not published before it ends).
     */
    @Test
    void nationallyTheLookUpsThatShowedNothingAreUnscheduledAccessesToo() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        Scope around = new Scope(today.minusDays(1), today.plusDays(1), Optional.empty());
        int before = statistics.unscheduledAccesses(around);

        unknownLookUps(7);
        // a GP's scheduled look-up: recorded, not counted
        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get("/fhir/Patient/$cpis-lookup?identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + NhsNumbers.next())
                .then()
                .statusCode(200);

        assertThat(statistics.unscheduledAccesses(around)).isEqualTo(before + 7);
    }

    private void unknownLookUps(int count) {
        for (int i = 0; i < count; i++) {
            httpAs("ed-clinician")
                    .get("/fhir/Patient/$cpis-lookup?identifier=https://fhir.nhs.uk/Id/nhs-number%7C"
                            + NhsNumbers.next())
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void theNationalFiguresIncludeEveryCouncilAndAreAllMultiplesOfFive() {
        Parameters national = statistics("board-admin", PERIOD);
        assertThat(national.getParameter("council")).isNull();
        // at least this council's 9, 8 and 5 (and another council's access), published rounded
        assertThat(count(national, "active-plans", CPP))
                .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(10));
        assertThat(count(national, "unscheduled-accesses", null))
                .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(10));
        assertThat(count(national, "children-accessed", null))
                .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(5));
        List<IntegerType> counts = national.getParameter().stream()
                .filter(parameter -> parameter.getName().equals("figure"))
                .map(figure -> (IntegerType) part(figure, "count").orElseThrow())
                .toList();
        assertThat(counts).hasSize(16);
        for (IntegerType count : counts) {
            if (count.hasValue()) {
                assertThat(count.getValue() % 5).as("%d", count.getValue()).isZero();
                assertThat(count.getValue()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void onlyBoardAdministratorsGetStatisticsAndBadPeriodsAreRefusedNamingTheRule() {
        for (String persona : List.of("la-medway", "ed-clinician", "outsider")) {
            Response refused = httpAs(persona).get("/fhir/$cpis-statistics?" + PERIOD);
            assertThat(refused.statusCode()).as(persona).isEqualTo(403);
            assertThat(refused.body().asString()).doesNotContain("figure");
        }
        assertThat(anonymous().get("/fhir/$cpis-statistics?" + PERIOD).statusCode())
                .isEqualTo(401);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("start=2024-04-01", "end is missing");
        refusals.put("start=2025-04-01&end=2025-03-31", "end (2025-03-31) is before start (2025-04-01)");
        refusals.put("start=2025-04&end=2025-03", "end (2025-03) is before start (2025-04)");
        refusals.put("start=yesterday&end=2025-03-31", "start (yesterday) is not a month or a day");
        refusals.put("start=2024-04-02&end=2025-03-31", "start (2024-04-02) is not the first day of a month");
        refusals.put("start=2024-04-01&end=2025-03-30", "end (2025-03-30) is not the last day of a month");
        refusals.put("start=2024-04-01&end=2025-02-29", "end (2025-02-29) is not a month or a day");
        refusals.put("start=2024-04&end=2025-13", "end (2025-13) is not a month or a day");
        refusals.put(PERIOD + "&council=ZZ000", "no organisation with ODS code ZZ000");
        refusals.forEach((bad, message) -> {
            Response refused = httpAs("board-admin").get("/fhir/$cpis-statistics?" + bad);
            assertThat(refused.statusCode())
                    .as(bad + " " + refused.body().asString())
                    .isEqualTo(400);
            assertThat(refused.body().asString())
                    .as(bad)
                    .contains("OperationOutcome")
                    .contains(message);
        });
        assertThat(httpAs("board-admin")
                        .get("/fhir/$cpis-statistics?start=2024-04-02&end=2025-03-31")
                        .body()
                        .asString())
                .contains("whole calendar months only");
    }

    private Council councilScope() {
        return councilScope(council, ods);
    }

    private Council councilScope(Reference organisation, String odsCode) {
        return new Council(
                organisation.getReference(),
                statistics.organisationPid(organisation.getReferenceElement().getIdPart()),
                odsCode);
    }

    // ---- the data set ----------------------------------------------------------------------------

    private Reference plan(String category, String start, String end, Flag.FlagStatus status) {
        String nhsNumber = NhsNumbers.next();
        Reference child = new Reference(daoRegistry
                .getResourceDao("Patient")
                .create(CpisResources.child(nhsNumber), new SystemRequestDetails())
                .getId()
                .toUnqualifiedVersionless()
                .getValue());
        child.setIdentifier(new Identifier().setSystem(CpisResources.NHS_NUMBER).setValue(nhsNumber));
        Flag plan = CpisResources.plan(category, ods, "S-" + nhsNumber, new Reference(child.getReference()), council);
        plan.setStatus(status);
        plan.getPeriod().setStartElement(new DateTimeType(start));
        if (end != null) {
            plan.getPeriod().setEndElement(new DateTimeType(end));
        }
        daoRegistry.getResourceDao("Flag").create(plan, new SystemRequestDetails());
        return child;
    }

    private void access(Reference child, String when, String accessType, Reference responsible) {
        AuditEvent event = CpisResources.unscheduledAccess(
                new Reference(child.getReference()), child.getIdentifier().getValue());
        event.getExtensionByUrl(Extensions.ACCESS_TYPE).setValue(new CodeType(accessType));
        event.setRecorded(Date.from(Instant.parse(when)));
        event.addEntity()
                .setWhat(new Reference(responsible.getReference()))
                .setRole(new Coding(CodeSystems.AUDIT_ENTITY_ROLE, "responsible-local-authority", null));
        daoRegistry.getResourceDao("AuditEvent").create(event, new SystemRequestDetails());
    }

    /** A child with a plan of the council, uploaded by the council's own system; returns the NHS number. */
    private String child(String councilSystem, String councilOds) {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(
                new TestCouncil(councilSystem, councilOds, "Alerting Borough Council"), nhsNumber, CPP, change -> {});
        return nhsNumber;
    }

    private void lookUps(String nhsNumber, String... clinicians) {
        for (String clinician : clinicians) {
            httpAs(clinician).get(NotificationsIT.lookUp(nhsNumber)).then().statusCode(200);
        }
    }

    /** The council's Subscription to all its notifications, pushed to the listener; returns its id. */
    private String subscribe(String councilSystem, String councilOds, CouncilListener listener) {
        return httpAs(councilSystem)
                .contentType("application/fhir+json")
                .body(NotificationsIT.subscription(
                        councilSystem, "AuditEvent?responsible-la=" + councilOds, listener.endpoint()))
                .post("/fhir/Subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    // ---- reading the answer ----------------------------------------------------------------------

    private Parameters statistics(String persona, String query) {
        Response response = httpAs(persona).get("/fhir/$cpis-statistics?" + query);
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        log.info("GET /fhir/$cpis-statistics?{} -> {}", query, response.body().asString());
        return FHIR.newJsonParser()
                .parseResource(Parameters.class, response.body().asString());
    }

    private static Optional<Integer> count(Parameters figures, String code, String category) {
        IntegerType count = countElement(figures, code, category);
        return count.hasValue() ? Optional.of(count.getValue()) : Optional.empty();
    }

    private static void assertSuppressed(Parameters figures, String code, String category) {
        IntegerType count = countElement(figures, code, category);
        assertThat(count.hasValue()).as(code + " " + category + " has no value").isFalse();
        assertThat(count.getExtensionByUrl(Extensions.DATA_ABSENT_REASON)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("masked");
    }

    private static IntegerType countElement(Parameters figures, String code, String category) {
        ParametersParameterComponent figure = figures.getParameter().stream()
                .filter(parameter -> parameter.getName().equals("figure"))
                .filter(parameter -> part(parameter, "code")
                        .map(value -> value.primitiveValue().equals(code))
                        .orElse(false))
                .filter(parameter -> category == null
                        ? part(parameter, "category").isEmpty()
                        : part(parameter, "category")
                                .map(value -> ((Coding) value).getCode().equals(category))
                                .orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + code + " " + category));
        return (IntegerType) part(figure, "count").orElseThrow();
    }

    private static Optional<org.hl7.fhir.r4.model.Type> part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream()
                .filter(part -> part.getName().equals(name))
                .map(ParametersParameterComponent::getValue)
                .findFirst();
    }
}
