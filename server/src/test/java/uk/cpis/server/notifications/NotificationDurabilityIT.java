package uk.cpis.server.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.StartedServer;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * At least once: notifications made while the council's listener is down are kept in the database,
 * survive a restart of the server, and all arrive once the listener is back; a notification that
 * arrives more than once carries the same id each time.
 */
class NotificationDurabilityIT {

    static final String[] FAST_RETRIES = {
        "spring.profiles.active=demo",
        "cpis.notifications.delivery.initial-backoff=200ms",
        "cpis.notifications.delivery.max-backoff=1s",
        "cpis.notifications.delivery.poll-interval=200ms"
    };
    static final int CHILDREN = 5;

    @Test
    void notificationsMadeWhileTheListenerIsDownArriveAfterARestartOnceItIsBack() throws Exception {
        String database = TestPostgres.freshDatabase("cpis_notify");
        CouncilListener listener = CouncilListener.start();
        listener.down();
        List<String> children = new ArrayList<>();
        Set<String> queued;
        try (StartedServer server = StartedServer.onPostgres(database, FAST_RETRIES)) {
            String medway = as(server, "la-medway")
                    .body(NotificationsIT.subscription(
                            "la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint()))
                    .contentType("application/fhir+json")
                    .post("/fhir/Subscription")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            assertThat(medway).isNotBlank();
            Reference council = medwayCouncil(server);
            for (int i = 0; i < CHILDREN; i++) {
                String nhsNumber = NhsNumbers.next();
                Reference child = new Reference(server.fhirClient()
                        .create()
                        .resource(CpisResources.child(nhsNumber))
                        .execute()
                        .getId()
                        .toUnqualifiedVersionless());
                server.fhirClient()
                        .create()
                        .resource(CpisResources.plan(CpisResources.CPP, "00LC", "DOWN-" + nhsNumber, child, council))
                        .execute();
                as(server, "ed-clinician")
                        .get(NotificationsIT.lookUp(nhsNumber))
                        .then()
                        .statusCode(200);
                children.add(nhsNumber);
            }
            NotificationsIT.eventually(() -> assertThat(failedAttempts(database))
                    .as("tried while the listener is down")
                    .hasSize(CHILDREN)
                    .allSatisfy((id, attempts) -> assertThat(attempts).isPositive()));
            queued = failedAttempts(database).keySet();
        }

        listener.answer(503);
        listener.up();
        try (StartedServer server = StartedServer.onPostgres(database, FAST_RETRIES)) {
            CouncilListener.Received refused =
                    listener.await(request -> true, 1, Duration.ofSeconds(60)).get(0);
            // the listener took that request but answered 503, as if it had failed to store it: it must come again
            Instant healthy = Instant.now();
            listener.answer(200);
            for (String nhsNumber : children) {
                listener.await(
                        request -> request.body().contains(nhsNumber)
                                && request.at().isAfter(healthy),
                        1,
                        Duration.ofSeconds(60));
            }
            assertThat(listener.received(request -> request.path().equals(refused.path())))
                    .as("sent again after the 503")
                    .hasSizeGreaterThanOrEqualTo(2);
            Map<String, List<String>> bodiesById = new HashMap<>();
            for (CouncilListener.Received notification : listener.received()) {
                String id = notification.path().substring("/fhir/AuditEvent/".length());
                assertThat(notification.auditEvent().getIdElement().getIdPart()).isEqualTo(id);
                bodiesById
                        .computeIfAbsent(id, key -> new ArrayList<>())
                        .add(notification.auditEvent().getRecordedElement().getValueAsString());
            }
            assertThat(new TreeSet<>(bodiesById.keySet()))
                    .as("every notification arrived, and nothing else")
                    .isEqualTo(new TreeSet<>(queued));
            assertThat(bodiesById.values())
                    .as("a repeated delivery is the same notification, with the same id")
                    .allSatisfy(copies -> assertThat(copies).containsOnly(copies.get(0)));
            NotificationsIT.eventually(
                    () -> assertThat(states(database)).containsOnly("delivered").hasSize(CHILDREN));
        } finally {
            listener.close();
        }
    }

    private static Map<String, Integer> failedAttempts(String database) {
        Map<String, Integer> attempts = new HashMap<>();
        try (Connection connection =
                        java.sql.DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT notification_id, attempts FROM cpis_notification_delivery WHERE state = 'pending'")) {
            while (rows.next()) {
                attempts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return attempts;
    }

    private static List<String> states(String database) {
        try (Connection connection =
                        java.sql.DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT state FROM cpis_notification_delivery")) {
            List<String> states = new ArrayList<>();
            while (rows.next()) {
                states.add(rows.getString(1));
            }
            return states;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reference medwayCouncil(StartedServer server) {
        Bundle medway = server.fhirClient()
                .search()
                .forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, "00LC"))
                .returnBundle(Bundle.class)
                .execute();
        return new Reference(
                medway.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless());
    }

    private static io.restassured.specification.RequestSpecification as(StartedServer server, String persona) {
        return given().baseUri(server.serverRoot())
                .urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + DemoTokens.requestToken(server.serverRoot(), persona));
    }
}
