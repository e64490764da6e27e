package uk.cpis.server.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.ServerProcess;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * Two CP-IS servers, each a process of its own started from the built jar, on one PostgreSQL, with no
 * sticky sessions: every request below goes to whichever server the test chooses, as a load balancer
 * would send it. What one server changes governs the very next request on the other; each notification
 * is delivered once by the cluster, and a server killed mid-delivery leaves it to the other; paging links
 * work on either server for their searcher only; a stopped server finishes what it has.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersOneDatabaseIT {

    static final String NHS = NotificationsIT.NHS;
    /** In the sample data: Medway NHS Foundation Trust, where the ed-clinician persona works. */
    static final String RPA = "RPA";
    /** Delivery leases short enough for a test, longer than the time to find and kill the sender. */
    static final String[] NODE = {
        "cpis.notifications.delivery.lease=15s",
        "cpis.notifications.delivery.poll-interval=200ms",
        "cpis.notifications.delivery.initial-backoff=200ms",
        "cpis.notifications.delivery.request-timeout=90s",
    };

    static String database;
    static ServerProcess one;
    static ServerProcess two;
    static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void twoServers() throws Exception {
        database = TestPostgres.freshDatabase("cpis_cluster");
        ServerProcess.Cluster cluster = ServerProcess.Cluster.on(database);
        // the first loads the sample data into the empty database; the second finds it there
        one = ServerProcess.start("one", cluster, with(NODE, "cpis.sample-data.enabled=true"));
        two = ServerProcess.start("two", cluster, with(NODE, "cpis.sample-data.enabled=true"));
    }

    @AfterAll
    static void stop() {
        for (ServerProcess server : new ServerProcess[] {one, two}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void aPlanUploadedOrEndedThroughOneServerIsSeenAtOnceThroughTheOther() {
        String child = NhsNumbers.next();
        String plan = uploadChildWithPlan(one, child);
        assertThat(matches(as(two, "ed-clinician").get(NotificationsIT.lookUp(child))))
                .as("the plan uploaded through server one, looked up through server two")
                .isEqualTo(1);

        Flag stored = FHIR_JSON.parseResource(
                Flag.class, as(one, "la-medway").get("/fhir/Flag/" + plan).asString());
        stored.setStatus(Flag.FlagStatus.ENTEREDINERROR);
        as(one, "la-medway")
                .contentType("application/fhir+json")
                .body(FHIR_JSON.encodeResourceToString(stored))
                .put("/fhir/Flag/" + plan)
                .then()
                .statusCode(200);
        assertThat(matches(as(two, "ed-clinician").get(NotificationsIT.lookUp(child))))
                .as("the plan entered in error through server one is gone through server two")
                .isZero();
    }

    @Test
    @Order(2)
    void anOrganisationThatLeavesTheSharingAgreementThroughOneServerIsRefusedOnTheOther() {
        String child = NhsNumbers.next();
        uploadChildWithPlan(one, child);
        assertThat(as(two, "ed-clinician").get(NotificationsIT.lookUp(child)).statusCode())
                .isEqualTo(200);

        String seats = seatsOf(RPA);
        try {
            setMembershipEnd(seats, Instant.now().minusSeconds(60).toString());
            Response refused = as(two, "ed-clinician").get(NotificationsIT.lookUp(child));
            assertThat(refused.statusCode())
                    .as("the very next request on server two, after RPA left through server one")
                    .isEqualTo(403);
        } finally {
            setMembershipEnd(seats, null);
        }
        assertThat(as(two, "ed-clinician").get(NotificationsIT.lookUp(child)).statusCode())
                .as("RPA back in the agreement through server one")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void aPagingLinkWorksOnEitherServerForItsSearcherOnly() {
        JsonPath first = as(one, "la-medway")
                .get("/fhir/Patient?_count=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String next = first.getString("link.find { it.relation == 'next' }.url");
        assertThat(next).startsWith(one.serverRoot());
        String onTwo = two.serverRoot() + next.substring(one.serverRoot().length());

        Response page = as(two, "la-medway").get(onTwo);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.jsonPath().getList("entry.resource.id"))
                .hasSize(2)
                .doesNotContainAnyElementsOf(first.getList("entry.resource.id"));
        assertThat(as(two, "la-reading").get(onTwo).statusCode())
                .as("another council's paging link, on either server")
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void eachNotificationIsDeliveredOnceByTheClusterWhicheverServerRecordedIt() throws Exception {
        try (CouncilListener listener = CouncilListener.start()) {
            String subscription = subscribe(one, listener);
            try {
                String child = NhsNumbers.next();
                uploadChildWithPlan(two, child);
                for (ServerProcess server : List.of(one, two, one, two)) {
                    as(server, "ed-clinician")
                            .header("IsUnscheduledAccessEvent", "true")
                            .get(NotificationsIT.lookUp(child))
                            .then()
                            .statusCode(200);
                }
                listener.await(CouncilListener.about(child), 4, NotificationsIT.ARRIVAL);
                Thread.sleep(3000); // time for a second delivery of any of them, if there were one
                List<String> delivered = listener.received(CouncilListener.about(child)).stream()
                        .map(received -> received.auditEvent().getIdElement().getIdPart())
                        .toList();
                assertThat(delivered).hasSize(4).doesNotHaveDuplicates();
            } finally {
                as(one, "la-medway").delete("/fhir/Subscription/" + subscription);
            }
        }
    }

    @Test
    @Order(5)
    void aServerKilledMidDeliveryLeavesTheDeliveryToTheOther() throws Exception {
        try (CouncilListener listener = CouncilListener.start()) {
            String subscription = subscribe(one, listener);
            String child = NhsNumbers.next();
            uploadChildWithPlan(one, child);
            listener.holdEachAnswer(Duration.ofSeconds(60));
            as(one, "ed-clinician")
                    .header("IsUnscheduledAccessEvent", "true")
                    .get(NotificationsIT.lookUp(child))
                    .then()
                    .statusCode(200);
            String notification = listener.await(CouncilListener.about(child), 1, NotificationsIT.ARRIVAL)
                    .get(0)
                    .auditEvent()
                    .getIdElement()
                    .getIdPart();
            listener.holdEachAnswer(Duration.ZERO);

            ServerProcess sender = claimedBy(notification).endsWith(":" + one.pid()) ? one : two;
            ServerProcess survivor = sender == one ? two : one;
            sender.kill();

            List<CouncilListener.Received> received =
                    listener.await(CouncilListener.about(child), 2, Duration.ofSeconds(60));
            assertThat(received)
                    .extracting(r -> r.auditEvent().getIdElement().getIdPart())
                    .as("the same notification again (same AuditEvent id, for the council to de-duplicate)")
                    .containsOnly(notification);
            assertThat(claimedBy(notification)).endsWith(":" + survivor.pid());
            assertThat(deliveryState(notification)).isEqualTo("delivered");
            as(survivor, "la-medway").delete("/fhir/Subscription/" + subscription);
            one = survivor;
            two = null;
        }
    }

    @Test
    @Order(6)
    void aStoppedServerFinishesTheRequestsItHasAndTakesNoMore() throws Exception {
        ServerProcess server = one;
        Bundle upload = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 150; i++) {
            String nhsNumber = NhsNumbers.next();
            upload.addEntry()
                    .setResource(CpisResources.child(nhsNumber))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient")
                    .setIfNoneExist("identifier=https://fhir.nhs.uk/Id/nhs-number|" + nhsNumber);
        }
        RequestSpecification council = as(server, "la-medway")
                .contentType("application/fhir+json")
                .body(FHIR_JSON.encodeResourceToString(upload));
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> council.post("/fhir"));
        Thread.sleep(700);
        server.stop();
        // the JVM takes a moment to run its shutdown hooks; a loaded machine may take a second or more
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.readiness() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.readiness()).as("not ready once stopping").isNotEqualTo(200);

        Response finished = inFlight.get();
        assertThat(finished.statusCode()).as(finished.asString()).isEqualTo(200);
        assertThat(finished.jsonPath().getList("entry.response.status"))
                .hasSize(150)
                .containsOnly("201 Created");
        assertThat(server.awaitExit(Duration.ofSeconds(60))).as("stopped").isTrue();
        assertThat(server.log()).doesNotContain("Exception in thread");
    }

    // ---- helpers ----

    static final ca.uhn.fhir.parser.IParser FHIR_JSON =
            ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** A persona's request to this server; the token comes from server one's token endpoint, for both. */
    private static RequestSpecification as(ServerProcess server, String persona) {
        String token = tokens.computeIfAbsent(persona, p -> DemoTokens.requestToken(one.serverRoot(), p));
        return given().baseUri(server.serverRoot())
                .urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + token);
    }

    private static int matches(Response searchset) {
        assertThat(searchset.statusCode()).as(searchset.asString()).isEqualTo(200);
        return searchset
                .jsonPath()
                .getList("entry.findAll { it.search.mode == 'match' }")
                .size();
    }

    /** A new Medway child with one active plan, uploaded by Medway through this server; the plan's id. */
    private static String uploadChildWithPlan(ServerProcess server, String nhsNumber) {
        String medway = as(server, "board-admin")
                .get("/fhir/Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code%7C00LC")
                .jsonPath()
                .getString("entry[0].resource.id");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient child = CpisResources.child(nhsNumber);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                .setResource(child)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        Flag plan = CpisResources.plan(
                CpisResources.CPP,
                "00LC",
                "P-" + nhsNumber,
                new Reference(bundle.getEntry().get(0).getFullUrl()),
                new Reference("Organization/" + medway));
        bundle.addEntry()
                .setResource(plan)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");
        Response stored = as(server, "la-medway")
                .contentType("application/fhir+json")
                .body(FHIR_JSON.encodeResourceToString(bundle))
                .post("/fhir");
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(200);
        String location = stored.jsonPath().getString("entry[1].response.location");
        return location.split("/")[1];
    }

    private static String subscribe(ServerProcess server, CouncilListener listener) {
        return as(server, "la-medway")
                .contentType("application/fhir+json")
                .body(NotificationsIT.subscription("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint()))
                .post("/fhir/Subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The agreement's seats held by this organisation, as {@code PractitionerRole/id} joined by commas. */
    private static String seatsOf(String odsCode) {
        return String.join(
                ",",
                as(one, "board-admin")
                        .get(
                                "/fhir/PractitionerRole?organization.identifier=https://fhir.nhs.uk/Id/ods-organization-code%7C"
                                        + odsCode + "&_count=100")
                        .jsonPath()
                        .getList("entry.resource.id", String.class)
                        .stream()
                        .map(id -> "PractitionerRole/" + id)
                        .toList());
    }

    /** Sets (or, with null, removes) the end of these seats' membership of the agreement, through server one. */
    private static void setMembershipEnd(String seats, String end) {
        RequestSpecification admin = as(one, "board-admin");
        String agreementJson = admin.get("/fhir/Group?code=https://fhir.cpis.uk/CodeSystem/cpis-board-type"
                        + "%7Cinformation-sharing-agreement")
                .jsonPath()
                .prettify();
        Bundle found = FHIR_JSON.parseResource(Bundle.class, agreementJson);
        org.hl7.fhir.r4.model.Group agreement =
                (org.hl7.fhir.r4.model.Group) found.getEntryFirstRep().getResource();
        int changed = 0;
        for (var member : agreement.getMember()) {
            if (List.of(seats.split(",")).contains(member.getEntity().getReference())) {
                member.getPeriod().setEndElement(end == null ? null : new org.hl7.fhir.r4.model.DateTimeType(end));
                changed++;
            }
        }
        assertThat(changed).as("RPA's seats in the agreement").isPositive();
        Response saved = as(one, "board-admin")
                .contentType("application/fhir+json")
                .body(FHIR_JSON.encodeResourceToString(agreement))
                .put("/fhir/Group/" + agreement.getIdElement().getIdPart());
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
    }

    private static String claimedBy(String notification) throws SQLException {
        return deliveryColumn(notification, "claimed_by");
    }

    private static String deliveryState(String notification) throws SQLException {
        return deliveryColumn(notification, "state");
    }

    private static String deliveryColumn(String notification, String column) throws SQLException {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                PreparedStatement query = db.prepareStatement(
                        "SELECT " + column + " FROM cpis_notification_delivery WHERE notification_id = ?")) {
            query.setString(1, notification);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the delivery of " + notification).isTrue();
                return row.getString(1);
            }
        }
    }
}
