package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * A council is told of every unscheduled access to its children: pushed to its own listener (a
 * standard R4 rest-hook Subscription, on its own notifications only, to an endpoint the server
 * accepts) or pulled, paged, with the same content; never of a silent read, never of another
 * council's children or plans, never anything clinical. (Its helpers for look-ups, Subscriptions and
 * waiting for deliveries are shared with the other tests that need notifications.)
 */
public class NotificationsIT extends PostgresServerTest {

    public static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";
    public static final Duration ARRIVAL = Duration.ofSeconds(20);

    CouncilListener listener;
    final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void aCouncilListener() {
        listener = CouncilListener.start();
    }

    @AfterEach
    void unsubscribeAndStopListening() {
        for (String subscription : subscriptions) {
            httpAs(subscription.split(" ")[0]).delete("/fhir/" + subscription.split(" ")[1]);
        }
        listener.close();
    }

    @Test
    void anUnscheduledLookUpIsPushedOnceWithWhoWhereAndWhenAndNothingClinical() {
        Response subscribed = subscribe(
                "la-medway",
                "AuditEvent?responsible-la=00LC",
                listener.endpoint(),
                "Authorization: Bearer listener-secret");
        subscribed.then().statusCode(201);
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        Instant before = Instant.now();

        httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);

        CouncilListener.Received notification =
                listener.await(CouncilListener.about(nhsNumber), 1, ARRIVAL).get(0);
        assertThat(notification.method()).isEqualTo("PUT");
        assertThat(notification.path()).matches("/fhir/AuditEvent/[^/]+");
        assertThat(notification.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(notification.header("Authorization"))
                .as("the council's own header")
                .isEqualTo("Bearer listener-secret");
        AuditEvent access = notification.auditEvent();
        String id = notification.path().substring("/fhir/AuditEvent/".length());
        assertThat(access.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(notification.header("X-CPIS-Notification-Id")).isEqualTo(id);
        assertThat(access.getRecorded().toInstant()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(access.getEntity())
                .anySatisfy(entity ->
                        assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(nhsNumber));
        assertThat(access.getEntity())
                .anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                        .isEqualTo(plan.getIdElement().getValue()));
        assertThat(access.getEntity()).anySatisfy(entity -> {
            assertThat(entity.getRole().getCode()).isEqualTo("responsible-local-authority");
            assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("00LC");
        });
        assertThat(access.getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("RPA"));
        assertThat(access.getAgent())
                .anySatisfy(agent -> assertThat(
                                agent.getRoleFirstRep().getCodingFirstRep().getCode())
                        .as("the viewer's role")
                        .isEqualTo("R8000"));
        assertThat(careSetting(access)).isEqualTo("emergency-department");
        assertThat(notification.body())
                .as("nothing clinical, nothing about the plan's content or the child's details")
                .doesNotContain(
                        CPP,
                        "child-protection",
                        "birthDate",
                        "2015-04-01",
                        "Example",
                        "period",
                        "reason",
                        "purposeOfEvent");
        eventually(() -> assertThat(deliveriesOf(id, subscribed.jsonPath().getString("id")))
                .containsExactly("delivered"));
        assertThat(listener.received(CouncilListener.about(nhsNumber)))
                .as("once")
                .hasSize(1);
    }

    /** The server holds the councils' subscriptions in memory: a new or ended one counts from the next notification. */
    @Test
    void aSubscriptionCountsFromTheNextNotificationAndNotAfterItIsDeleted() {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);

        Response subscribed = subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint());
        subscribed.then().statusCode(201);
        String subscription = subscribed.jsonPath().getString("id");
        httpAs("ed-RHW").get(lookUp(nhsNumber)).then().statusCode(200);
        listener.await(CouncilListener.about(nhsNumber), 1, ARRIVAL);
        assertThat(queuedFor(subscription))
                .as("only the look-up after it was made")
                .isEqualTo(1);

        httpAs("la-medway").delete("/fhir/Subscription/" + subscription).then().statusCode(200);
        httpAs("gp").get(lookUp(nhsNumber)).then().statusCode(200);
        assertThat(queuedFor(subscription)).as("nothing after it was deleted").isEqualTo(1);
    }

    private static int queuedFor(String subscription) {
        try (Connection connection = TestPostgres.connect();
                java.sql.Statement sql = connection.createStatement();
                ResultSet queued =
                        sql.executeQuery("SELECT COUNT(*) FROM cpis_notification_delivery WHERE subscription_id = '"
                                + subscription + "'")) {
            queued.next();
            return queued.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aScheduledLookUpIsNotNotified() {
        subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint())
                .then()
                .statusCode(201);
        String silent = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, silent, CPP, change -> {});
        String loud = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, loud, CPP, change -> {});

        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get(lookUp(silent))
                .then()
                .statusCode(200);
        httpAs("ed-clinician").get(lookUp(loud)).then().statusCode(200);

        listener.await(CouncilListener.about(loud), 1, ARRIVAL);
        assertThat(listener.received(CouncilListener.about(silent))).isEmpty();
        AuditEvent silentRead =
                storedAccessRecordsNaming(silent, Duration.ofHours(1)).get(0);
        assertThat(deliveriesOf(silentRead.getIdElement().getIdPart(), null))
                .as("nothing queued for a silent read")
                .isEmpty();
        assertThat(http().get("/fhir/AuditEvent?responsible-la=00LC&_count=200&date=ge"
                                + silentRead
                                        .getRecordedElement()
                                        .getValueAsString()
                                        .replace("+", "%2B"))
                        .jsonPath()
                        .getList("entry.resource.id"))
                .as("nor pulled")
                .doesNotContain(silentRead.getIdElement().getIdPart());
    }

    @Test
    void aChildWithPlansAtTwoCouncilsTellsEachOnlyAboutItself() {
        CouncilListener reading = CouncilListener.start();
        try {
            subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint())
                    .then()
                    .statusCode(201);
            subscribe(
                            "la-reading",
                            "AuditEvent?responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code|00MC",
                            reading.endpoint())
                    .then()
                    .statusCode(201);
            String nhsNumber = NhsNumbers.next();
            Flag medwayPlan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
            Flag readingPlan = uploadPlan(
                    TestCouncil.READING,
                    nhsNumber,
                    LAC,
                    plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s31")));

            httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);

            String toMedway = listener.await(CouncilListener.about(nhsNumber), 1, ARRIVAL)
                    .get(0)
                    .body();
            String toReading = reading.await(CouncilListener.about(nhsNumber), 1, ARRIVAL)
                    .get(0)
                    .body();
            assertThat(toMedway)
                    .contains(medwayPlan.getIdElement().getValue(), "00LC")
                    .doesNotContain(readingPlan.getIdElement().getValue(), "00MC");
            assertThat(toReading)
                    .contains(readingPlan.getIdElement().getValue(), "00MC")
                    .doesNotContain(medwayPlan.getIdElement().getValue(), "00LC");
            assertThat(storedAccessRecordsNaming(nhsNumber, Duration.ofHours(1))
                            .get(0)
                            .getEntity())
                    .as("the stored record keeps both")
                    .filteredOn(entity -> "responsible-local-authority"
                            .equals(entity.getRole().getCode()))
                    .hasSize(2);
        } finally {
            reading.close();
        }
    }

    @Test
    void aCouncilCanSubscribeOnlyToItsOwnNotifications() {
        String medway = council(TestCouncil.MEDWAY).getReference();
        for (String criteria : List.of(
                "AuditEvent?responsible-la=00LC",
                "AuditEvent?responsible-la=" + medway,
                "AuditEvent?responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code|00LC",
                "AuditEvent?responsible-la=00MC,00LC")) {
            Response refused = subscribe("la-reading", criteria, listener.endpoint());
            assertThat(refused.statusCode()).as(criteria).isEqualTo(403);
            assertThat(refused.body().asString()).contains("OperationOutcome", "only to its own notifications");
        }
        assertThat(subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint())
                        .statusCode())
                .isEqualTo(201);
        for (String persona : List.of("ed-clinician", "board-admin")) {
            assertThat(httpAs(persona)
                            .contentType("application/fhir+json")
                            .body(subscription(persona, "AuditEvent?responsible-la=00LC", listener.endpoint()))
                            .post("/fhir/Subscription")
                            .statusCode())
                    .as(persona)
                    .isEqualTo(403);
        }
    }

    @Test
    void aCouncilSeesChangesAndDeletesOnlyItsOwnSubscriptions() {
        Response created = subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint());
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        assertThat(created.jsonPath().getString("status"))
                .as("accepted: active")
                .isEqualTo("active");
        subscribe("la-reading", "AuditEvent?responsible-la=00MC", listener.endpoint())
                .then()
                .statusCode(201);

        assertThat(http().get("/fhir/Subscription/" + id).statusCode()).isEqualTo(200);
        Response otherRead = httpAs("la-reading").get("/fhir/Subscription/" + id);
        assertThat(otherRead.statusCode()).isEqualTo(404);
        assertThat(otherRead.body().asString()).doesNotContain(listener.endpoint());
        JsonPath readingsOwn =
                httpAs("la-reading").get("/fhir/Subscription?_count=200").jsonPath();
        assertThat(readingsOwn.getList("entry.resource.id")).isNotEmpty().doesNotContain(id);
        assertThat(readingsOwn.getList("entry.resource.criteria", String.class))
                .allSatisfy(criteria -> assertThat(criteria).contains("00MC"));
        String takeOver = subscription("la-reading", "AuditEvent?responsible-la=00MC", listener.endpoint())
                .replace(
                        "{\"resourceType\":\"Subscription\",",
                        "{\"resourceType\":\"Subscription\",\"id\":\"" + id + "\",");
        assertThat(httpAs("la-reading")
                        .contentType("application/fhir+json")
                        .body(takeOver)
                        .put("/fhir/Subscription/" + id)
                        .statusCode())
                .isEqualTo(404);
        assertThat(httpAs("la-reading").delete("/fhir/Subscription/" + id).statusCode())
                .isEqualTo(404);
        // history is nobody's: refused before any record is looked at, so it says nothing about this one
        assertThat(httpAs("la-reading")
                        .get("/fhir/Subscription/" + id + "/_history")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http().get("/fhir/Subscription/" + id).jsonPath().getString("channel.endpoint"))
                .isEqualTo(listener.endpoint());

        assertThat(http().delete("/fhir/Subscription/" + id).statusCode()).isBetween(200, 204);
        assertThat(http().get("/fhir/Subscription/" + id).statusCode()).isEqualTo(410);
    }

    @Test
    void endpointsMustBeHttpsAndNeverTheServerItself() {
        for (String endpoint : List.of(
                "http://example.org/fhir",
                "http://localhost:" + port + "/actuator/health",
                "http://127.0.0.1:" + port + "/fhir",
                "https://127.0.0.1:" + port + "/actuator",
                "ftp://127.0.0.1/fhir",
                "http://user:password@127.0.0.1:" + listener.port() + "/fhir",
                "http://169.254.169.254/latest/meta-data",
                "not a url",
                "https://no-such-host.invalid/fhir")) {
            Response refused = subscribe("la-medway", "AuditEvent?responsible-la=00LC", endpoint);
            assertThat(refused.statusCode()).as(endpoint).isEqualTo(422);
            assertThat(refused.body().asString()).as(endpoint).contains("endpoint-not-allowed");
        }
    }

    @Test
    void onlyRestHookSubscriptionsOnNotificationsWithAFhirPayloadAreAccepted() {
        String rest = subscription("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint());
        for (String wrong : List.of(
                rest.replace("\"rest-hook\"", "\"email\""),
                rest.replace("AuditEvent?responsible-la=00LC", "Flag?author=00LC"),
                rest.replace("AuditEvent?responsible-la=00LC", "AuditEvent?access-type=unscheduled"),
                rest.replace("AuditEvent?responsible-la=00LC", "AuditEvent?responsible-la=00LC&patient.identifier=x"),
                rest.replace("AuditEvent?responsible-la=00LC", "AuditEvent?responsible-la=00LC&no-such-parameter=1"),
                rest.replace(
                        "AuditEvent?responsible-la=00LC",
                        "AuditEvent?responsible-la=00LC&_has:Flag:subject:status=active"),
                rest.replace("AuditEvent?responsible-la=00LC", "AuditEvent?responsible-la=00LC&date=not-a-date"),
                rest.replace("\"status\":\"requested\"", "\"status\":\"error\""),
                rest.replace("application/fhir+json", "application/fhir+xml"),
                rest.replace("\"header\":[]", "\"header\":[\"Host: elsewhere.example\"]"),
                "{\"resourceType\":\"Subscription\"}")) {
            Response refused =
                    http().contentType("application/fhir+json").body(wrong).post("/fhir/Subscription");
            assertThat(refused.statusCode()).as(wrong).isEqualTo(422);
            assertThat(refused.body().asString()).contains("OperationOutcome");
        }
    }

    @Test
    void aSubscriptionWithoutPayloadGetsAnEmptyPostAndPullsTheRest() {
        String ping = subscription("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint())
                .replace(",\"payload\":\"application/fhir+json\"", "");
        Response created =
                http().contentType("application/fhir+json").body(ping).post("/fhir/Subscription");
        created.then().statusCode(201);
        subscriptions.add("la-medway Subscription/" + created.jsonPath().getString("id"));
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});

        httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);

        String id = storedAccessRecordsNaming(nhsNumber, Duration.ofHours(1))
                .get(0)
                .getIdElement()
                .getIdPart();
        CouncilListener.Received nudge = listener.await(
                        request -> id.equals(request.header("X-CPIS-Notification-Id")), 1, ARRIVAL)
                .get(0);
        assertThat(nudge.method()).isEqualTo("POST");
        assertThat(nudge.path()).isEqualTo("/fhir");
        assertThat(nudge.body()).isEmpty();
        assertThat(http().get("/fhir/AuditEvent/" + id).jsonPath().getString("id"))
                .isEqualTo(id);
    }

    @Test
    void pullGivesExactlyTheCouncilsOwnNotificationsPaged() {
        Instant since = Instant.now().minusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        List<String> medwayChildren = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String nhsNumber = NhsNumbers.next();
            uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
            medwayChildren.add(nhsNumber);
        }
        String shared = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, shared, CPP, change -> {});
        Flag readingPlan = uploadPlan(
                TestCouncil.READING,
                shared,
                LAC,
                plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s20")));
        String readingOnly = NhsNumbers.next();
        uploadPlan(TestCouncil.READING, readingOnly, CPP, change -> {});
        for (String nhsNumber : medwayChildren) {
            httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);
            httpAs("ed-RHW").get(lookUp(nhsNumber)).then().statusCode(200);
        }
        httpAs("ed-clinician").get(lookUp(shared)).then().statusCode(200);
        httpAs("ed-clinician").get(lookUp(readingOnly)).then().statusCode(200);
        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get(lookUp(medwayChildren.get(0)))
                .then()
                .statusCode(200);

        // up to now: other tests move the server's clock forward, leaving records in the future
        Instant until = Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        List<AuditEvent> pulled = pullAll(
                "la-medway",
                "/fhir/AuditEvent?responsible-la=00LC&date=gt" + since + "&date=lt" + until + "&_sort=date&_count=2");
        assertThat(pages).as("paged").isGreaterThan(1);

        Set<String> expected = new LinkedHashSet<>();
        for (String nhsNumber : medwayChildren) {
            storedAccessRecordsNaming(nhsNumber, Duration.ofHours(1)).stream()
                    .filter(NotificationsIT::unscheduled)
                    .forEach(access -> expected.add(access.getIdElement().getIdPart()));
        }
        storedAccessRecordsNaming(shared, Duration.ofHours(1))
                .forEach(access -> expected.add(access.getIdElement().getIdPart()));
        assertThat(expected).hasSize(7);
        assertThat(pulled)
                .extracting(access -> access.getIdElement().getIdPart())
                .containsExactlyElementsOf(pulled.stream()
                        .sorted(java.util.Comparator.comparing(AuditEvent::getRecorded))
                        .map(access -> access.getIdElement().getIdPart())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        AuditEvent sharedAccess = pulled.stream()
                .filter(access -> access.getEntity().stream()
                        .anyMatch(entity ->
                                shared.equals(entity.getWhat().getIdentifier().getValue())))
                .findFirst()
                .orElseThrow();
        assertThat(FHIR.newJsonParser().encodeResourceToString(sharedAccess))
                .as("nothing about Reading's plan")
                .doesNotContain(readingPlan.getIdElement().getValue(), "00MC");

        for (String otherCouncil : List.of(
                "responsible-la=00LC",
                "responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code%7C00LC",
                "responsible-la=" + council(TestCouncil.MEDWAY).getReference())) {
            Response refused = httpAs("la-reading").get("/fhir/AuditEvent?" + otherCouncil + "&date=gt" + since);
            assertThat(refused.statusCode()).as(otherCouncil).isEqualTo(403);
            assertThat(refused.body().asString()).doesNotContain("\"entry\"", "\"total\"");
        }
        List<AuditEvent> readings = pullAll(
                "la-reading",
                "/fhir/AuditEvent?responsible-la=00MC&date=gt" + since + "&date=lt" + until + "&_count=2");
        assertThat(readings)
                .hasSize(2)
                .allSatisfy(access -> assertThat(FHIR.newJsonParser().encodeResourceToString(access))
                        .contains("00MC")
                        .doesNotContain("00LC"));
    }

    int pages;

    @Test
    void aNotificationIsQueuedOnlyIfItsAccessRecordIsStored() throws Exception {
        Response subscribed = subscribe("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint());
        subscribed.then().statusCode(201);
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        try (Connection connection = TestPostgres.connect();
                java.sql.Statement sql = connection.createStatement()) {
            // fails the access record's transaction when it commits, after the notification was queued in it
            sql.execute("CREATE OR REPLACE FUNCTION cpis_test_refuse_audit() RETURNS trigger AS $$ BEGIN"
                    + " RAISE EXCEPTION 'audit storage unavailable at commit (test)'; END $$ LANGUAGE plpgsql");
            sql.execute("CREATE CONSTRAINT TRIGGER cpis_test_refuse_audit AFTER INSERT ON hfj_resource"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.res_type = 'AuditEvent')"
                    + " EXECUTE FUNCTION cpis_test_refuse_audit()");
            try {
                assertThat(httpAs("ed-clinician").get(lookUp(nhsNumber)).statusCode())
                        .isEqualTo(503);
            } finally {
                sql.execute("DROP TRIGGER cpis_test_refuse_audit ON hfj_resource");
                sql.execute("DROP FUNCTION cpis_test_refuse_audit()");
            }
            try (ResultSet queued =
                    sql.executeQuery("SELECT COUNT(*) FROM cpis_notification_delivery WHERE subscription_id = '"
                            + subscribed.jsonPath().getString("id") + "'")) {
                queued.next();
                assertThat(queued.getInt(1))
                        .as("no notification without its record")
                        .isZero();
            }
        }
        httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);
        listener.await(CouncilListener.about(nhsNumber), 1, ARRIVAL);
        assertThat(storedAccessRecordsNaming(nhsNumber, Duration.ofHours(1))).hasSize(1);
    }

    private List<AuditEvent> pullAll(String persona, String firstPage) {
        List<AuditEvent> all = new ArrayList<>();
        Response page = httpAs(persona).get(firstPage);
        pages = 0;
        while (true) {
            assertThat(page.statusCode()).as(page.body().asString()).isEqualTo(200);
            org.hl7.fhir.r4.model.Bundle bundle = FHIR.newJsonParser()
                    .parseResource(
                            org.hl7.fhir.r4.model.Bundle.class, page.body().asString());
            bundle.getEntry().forEach(entry -> all.add((AuditEvent) entry.getResource()));
            pages++;
            if (bundle.getLink("next") == null) {
                break;
            }
            page = httpAs(persona).get(bundle.getLink("next").getUrl().replace(serverRoot(), ""));
        }
        return all;
    }

    public static void eventually(Runnable assertion) {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    private Response subscribe(String persona, String criteria, String endpoint, String... headers) {
        Response response = httpAs(persona)
                .contentType("application/fhir+json")
                .body(subscription(persona, criteria, endpoint, headers))
                .post("/fhir/Subscription");
        if (response.statusCode() == 201) {
            subscriptions.add(persona + " Subscription/" + response.jsonPath().getString("id"));
        }
        return response;
    }

    public static String subscription(String persona, String criteria, String endpoint, String... headers) {
        StringBuilder headerList = new StringBuilder();
        for (String header : headers) {
            headerList
                    .append(headerList.isEmpty() ? "" : ",")
                    .append('"')
                    .append(header)
                    .append('"');
        }
        return "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"CP-IS notifications for "
                + persona
                + "\",\"criteria\":\"" + criteria + "\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + endpoint
                + "\",\"payload\":\"application/fhir+json\",\"header\":[" + headerList + "]}}";
    }

    public static String lookUp(String nhsNumber) {
        return "/fhir/Flag?patient:identifier=" + NHS + nhsNumber + "&_include=Flag:author";
    }

    private static boolean unscheduled(AuditEvent access) {
        return access.getExtension().stream()
                .anyMatch(extension -> extension.getUrl().endsWith("cpis-access-type")
                        && "unscheduled".equals(extension.getValue().primitiveValue()));
    }

    static String careSetting(AuditEvent access) {
        return access.getExtension().stream()
                .filter(extension -> extension.getUrl().endsWith("cpis-care-setting"))
                .map(extension -> ((org.hl7.fhir.r4.model.Coding) extension.getValue()).getCode())
                .findFirst()
                .orElse(null);
    }

    /** The states of the queued deliveries of one notification (to one subscription, or all), read from the server's database. */
    static List<String> deliveriesOf(String notificationId, String subscriptionId) {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT state FROM cpis_notification_delivery WHERE notification_id = ? AND (? IS NULL OR subscription_id = ?)")) {
            query.setString(1, notificationId);
            query.setString(2, subscriptionId);
            query.setString(3, subscriptionId);
            List<String> states = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
