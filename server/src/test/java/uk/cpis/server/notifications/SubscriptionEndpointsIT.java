package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * A council's Subscription cannot make the server reach private or internal addresses, when it is
 * written or at any delivery after, and its header values (the council's credentials for its own
 * listener) are never shown in any answer, while delivery still sends them. The test server runs in
 * demo mode, whose only exception is plain http to loopback (the council listener beside it).
 */
class SubscriptionEndpointsIT extends PostgresServerTest {

    static final String SECRET = "Bearer s3cret-medway-listener";
    static final String KEY = "k3y-medway-0042";

    CouncilListener listener;
    final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void aCouncilListener() {
        listener = CouncilListener.start();
    }

    @AfterEach
    void unsubscribeAndStopListening() {
        for (String id : subscriptions) {
            daoRegistry
                    .getResourceDao("Subscription")
                    .delete(new IdType("Subscription", id), new SystemRequestDetails());
        }
        listener.close();
    }

    @Test
    void privateAndInternalEndpointsAreRefusedWithTheirRejectReason() {
        for (String endpoint : List.of(
                "https://10.0.0.1/",
                "https://192.168.0.1/",
                "https://[::ffff:127.0.0.1]/",
                "https://127.0.0.1:5432/",
                "https://172.16.0.1/fhir",
                "https://100.64.0.1/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/",
                "https://[::ffff:7f00:1]/",
                "https://0.0.0.0/",
                "https://[::]/",
                "https://224.0.0.1/",
                "https://localhost:" + listener.port() + "/fhir",
                "http://2130706433/",
                "https://2130706433/",
                "https://0x7f.1/",
                "https://0177.0.0.1/",
                "https://127.1/",
                "http://10.0.0.1/fhir",
                "https://user:pw@example.org/fhir")) {
            Response refused = subscribe(endpoint, "Authorization: " + SECRET);
            assertThat(refused.statusCode()).as(endpoint).isEqualTo(422);
            assertThat(refused.jsonPath().getString("issue[0].details.coding[0].code"))
                    .as(endpoint)
                    .isEqualTo("endpoint-not-allowed");
            assertThat(refused.jsonPath().getString("issue[0].details.coding[0].system"))
                    .isEqualTo(CodeSystems.REJECT_REASON);
            assertThat(refused.jsonPath().getString("issue[0].expression[0]"))
                    .isEqualTo("Subscription.channel.endpoint");
            assertThat(refused.body().asString()).as(endpoint).doesNotContain(SECRET);
        }
    }

    @Test
    void anUpdateCannotPointASubscriptionAtAnInternalAddress() {
        String id = created(subscribe(listener.endpoint(), "Authorization: " + SECRET));
        String moved = NotificationsIT.subscription(
                        "la-medway",
                        "AuditEvent?responsible-la=00LC",
                        "https://192.168.0.1/hook",
                        "Authorization: " + SECRET)
                .replace(
                        "{\"resourceType\":\"Subscription\",",
                        "{\"resourceType\":\"Subscription\",\"id\":\"" + id + "\",");
        Response refused =
                http().contentType("application/fhir+json").body(moved).put("/fhir/Subscription/" + id);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("endpoint-not-allowed");
        assertThat(stored(id).getChannel().getEndpoint()).isEqualTo(listener.endpoint());
    }

    @Test
    void headerValuesAreShownToNoOneInAnyAnswer() {
        Response created = subscribe(listener.endpoint(), "Authorization: " + SECRET, "X-Api-Key: " + KEY);
        String id = created(created);
        assertThat(created.body().asString()).as("the create's answer").doesNotContain(SECRET, KEY);
        assertThat(created.jsonPath().getList("channel.header", String.class))
                .containsExactly("Authorization: ***", "X-Api-Key: ***");

        List<Response> answers = new ArrayList<>();
        answers.add(http().get("/fhir/Subscription/" + id));
        answers.add(http().get("/fhir/Subscription/" + id + "/_history/1"));
        answers.add(http().get("/fhir/Subscription/" + id + "/_history"));
        answers.add(http().get("/fhir/Subscription?_id=" + id));
        answers.add(http().get("/fhir/Subscription?_id=" + id + "&_elements=channel"));
        answers.add(http().get("/fhir/Subscription?status=active&_count=200"));
        answers.add(http().get("/fhir/Subscription/_history?_count=200"));
        answers.add(http().get("/fhir/_history?_type=Subscription&_count=200"));
        answers.add(http().get("/fhir/Subscription/" + id + "?_format=xml"));
        answers.add(http().accept("text/html").get("/fhir/Subscription/" + id));
        // a conditional create of a Subscription is refused by the access policy (403) before anything is matched
        answers.add(http().contentType("application/fhir+json")
                .header("If-None-Exist", "_id=" + id)
                .body(NotificationsIT.subscription("la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint()))
                .post("/fhir/Subscription"));
        answers.add(httpAs("la-reading")
                .contentType("application/fhir+json")
                .header("If-None-Exist", "_id=" + id)
                .body(NotificationsIT.subscription("la-reading", "AuditEvent?responsible-la=00MC", listener.endpoint()))
                .post("/fhir/Subscription"));
        answers.add(httpAs("la-reading").get("/fhir/Subscription/" + id));
        for (String persona : List.of("board-admin", "ed-clinician", "gp")) {
            answers.add(httpAs(persona).get("/fhir/Subscription/" + id));
            answers.add(httpAs(persona).get("/fhir/Subscription?_count=200"));
        }
        for (Response answer : answers) {
            assertThat(answer.body().asString()).doesNotContain(SECRET, KEY, "s3cret");
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        assertThat(answers.get(0).jsonPath().getList("channel.header", String.class))
                .containsExactly("Authorization: ***", "X-Api-Key: ***");
        assertThat(answers.get(3).jsonPath().getList("entry.resource.channel.header.flatten()", String.class))
                .containsExactly("Authorization: ***", "X-Api-Key: ***");
        assertThat(answers.get(10).statusCode())
                .as("no conditional create of a Subscription")
                .isEqualTo(403);
        assertThat(stored(id).getChannel().getHeader())
                .as("kept for delivery")
                .extracting(header -> header.getValue())
                .containsExactly("Authorization: " + SECRET, "X-Api-Key: " + KEY);
    }

    /** A vendor's client reads the subscription, changes something, and sends it all back: the secrets stay. */
    @Test
    void readModifyWriteKeepsTheStoredSecretsAndDeliveryStillSendsThem() {
        String id = created(subscribe(listener.endpoint(), "Authorization: " + SECRET, "X-Api-Key: " + KEY));
        String read = http().get("/fhir/Subscription/" + id).body().asString();
        assertThat(read).contains("Authorization: ***");

        Response updated = http().contentType("application/fhir+json")
                .body(read.replace("CP-IS notifications for la-medway", "Renamed"))
                .put("/fhir/Subscription/" + id);
        assertThat(updated.statusCode()).as(updated.body().asString()).isEqualTo(200);
        assertThat(updated.body().asString()).doesNotContain(SECRET, KEY);
        assertThat(stored(id).getReason()).isEqualTo("Renamed");
        assertThat(stored(id).getChannel().getHeader())
                .extracting(header -> header.getValue())
                .containsExactly("Authorization: " + SECRET, "X-Api-Key: " + KEY);

        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        httpAs("ed-clinician").get(NotificationsIT.lookUp(nhsNumber)).then().statusCode(200);
        CouncilListener.Received notification = listener.await(
                        CouncilListener.about(nhsNumber), 1, NotificationsIT.ARRIVAL)
                .get(0);
        assertThat(notification.header("Authorization")).isEqualTo(SECRET);
        assertThat(notification.header("X-Api-Key")).isEqualTo(KEY);

        // a new value replaces the secret, a header left out is removed
        String changed = http().get("/fhir/Subscription/" + id)
                .body()
                .asString()
                .replace("\"Authorization: ***\"", "\"Authorization: Bearer rotated\"")
                .replaceFirst(",\\s*\"X-Api-Key: \\*\\*\\*\"", "");
        http().contentType("application/fhir+json")
                .body(changed)
                .put("/fhir/Subscription/" + id)
                .then()
                .statusCode(200);
        assertThat(stored(id).getChannel().getHeader())
                .extracting(header -> header.getValue())
                .containsExactly("Authorization: Bearer rotated");

        // the mask stands only for a value already stored
        String unknown = http().get("/fhir/Subscription/" + id)
                .body()
                .asString()
                .replace("\"Authorization: ***\"", "\"Authorization: ***\",\"X-Api-Key: ***\"");
        Response refused =
                http().contentType("application/fhir+json").body(unknown).put("/fhir/Subscription/" + id);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("subscription-not-supported", "X-Api-Key: ***");
        assertThat(stored(id).getChannel().getHeader())
                .extracting(header -> header.getValue())
                .containsExactly("Authorization: Bearer rotated");
        Response maskedCreate = subscribe(listener.endpoint(), "Authorization: ***");
        assertThat(maskedCreate.statusCode()).isEqualTo(422);
        assertThat(maskedCreate.body().asString()).contains("masked value");
    }

    /** A PATCH cannot copy a header where it would be shown, nor probe another council's Subscription. */
    @Test
    void patchesCannotRevealHeaders() {
        String id = created(subscribe(listener.endpoint(), "Authorization: " + SECRET));
        // PATCH is refused outright by the access policy, for the owner and anyone else, before the record is read
        for (String persona : List.of("la-medway", "la-reading")) {
            Response copied = patch(
                    persona,
                    "/fhir/Subscription/" + id,
                    "[{\"op\":\"copy\",\"from\":\"/channel/header/0\",\"path\":\"/reason\"}]");
            assertThat(copied.statusCode()).isEqualTo(403);
            assertThat(copied.body().asString()).doesNotContain(SECRET);
        }
        Response probed = patch(
                "la-reading",
                "/fhir/Subscription/" + id,
                "[{\"op\":\"test\",\"path\":\"/channel/header/0\",\"value\":\"Authorization: Bearer wrong-guess\"}]");
        Response absent = patch(
                "la-reading",
                "/fhir/Subscription/no-such-subscription",
                "[{\"op\":\"test\",\"path\":\"/channel/header/0\",\"value\":\"Authorization: Bearer wrong-guess\"}]");
        assertThat(probed.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(403);
        assertThat(patch(
                                "la-reading",
                                "/fhir/Subscription?_id=" + id,
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"off\"}]")
                        .statusCode())
                .as("conditional")
                .isEqualTo(403);
        assertThat(stored(id).getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
        assertThat(stored(id).getReason()).doesNotContain(SECRET);
        assertThat(stored(id).getChannel().getHeader().get(0).getValue()).isEqualTo("Authorization: " + SECRET);
    }

    private Response patch(String persona, String path, String jsonPatch) {
        return httpAs(persona)
                .contentType("application/json-patch+json")
                .body(jsonPatch)
                .patch(path);
    }

    /**
     * A host can be pointed at an internal address after its subscription was accepted: every delivery
     * checks again, and does not even connect. Here the stored subscription names {@code localhost} over
     * https (not the demo exception), written beneath the REST rules as if its name had changed since.
     */
    @Test
    void aDeliveryToAnEndpointThatNowResolvesToLoopbackIsNotAttempted() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread accepting = new Thread(() -> {
                while (!trap.isClosed()) {
                    try (Socket connection = trap.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            String control = created(subscribe(listener.endpoint()));
            Subscription rebound = new Subscription();
            rebound.setStatus(Subscription.SubscriptionStatus.ACTIVE);
            rebound.setReason("re-pointed at loopback");
            rebound.setCriteria("AuditEvent?responsible-la=00LC");
            rebound.getChannel()
                    .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                    .setEndpoint("https://localhost:" + trap.getLocalPort() + "/fhir")
                    .setPayload("application/fhir+json")
                    .addHeader("Authorization: " + SECRET);
            rebound.getMeta().addTag(IdentifierSystems.ODS_CODE, "00LC", "Subscribing council");
            String reboundId = daoRegistry
                    .getResourceDao("Subscription")
                    .create(rebound, new SystemRequestDetails())
                    .getId()
                    .getIdPart();
            subscriptions.add(reboundId);

            String nhsNumber = NhsNumbers.next();
            uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
            httpAs("ed-clinician").get(NotificationsIT.lookUp(nhsNumber)).then().statusCode(200);

            listener.await(CouncilListener.about(nhsNumber), 1, NotificationsIT.ARRIVAL);
            assertThat(control).isNotBlank();
            NotificationsIT.eventually(() -> assertThat(attempts(reboundId))
                    .as("attempted and failed")
                    .anySatisfy(outcome -> assertThat(outcome).startsWith("endpoint not allowed")));
            assertThat(connections.get())
                    .as("connections to the re-pointed endpoint")
                    .isZero();
            assertThat(states(reboundId))
                    .as("still pending: retried like an endpoint that does not answer")
                    .containsOnly("pending");
        }
    }

    private Response subscribe(String endpoint, String... headers) {
        Response response = http().contentType("application/fhir+json")
                .body(NotificationsIT.subscription("la-medway", "AuditEvent?responsible-la=00LC", endpoint, headers))
                .post("/fhir/Subscription");
        if (response.statusCode() == 201) {
            subscriptions.add(response.jsonPath().getString("id"));
        }
        return response;
    }

    private static String created(Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(201);
        return response.jsonPath().getString("id");
    }

    private Subscription stored(String id) {
        return (Subscription) daoRegistry
                .getResourceDao("Subscription")
                .read(new IdType("Subscription", id), new SystemRequestDetails());
    }

    private static List<String> attempts(String subscriptionId) {
        return column("last_outcome", subscriptionId);
    }

    private static List<String> states(String subscriptionId) {
        return column("state", subscriptionId);
    }

    private static List<String> column(String column, String subscriptionId) {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement query = connection.prepareStatement("SELECT " + column
                        + " FROM cpis_notification_delivery WHERE subscription_id = ? AND attempts > 0")) {
            query.setString(1, subscriptionId);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
