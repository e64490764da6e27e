package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * Every persona against every served type and interaction: allowed where a CP-IS rule allows it,
 * 403 everywhere else, and a 403 reveals nothing (no resources, no counts).
 */
class AccessMatrixIT extends PostgresServerTest {

    private static final Logger log = LoggerFactory.getLogger(AccessMatrixIT.class);

    static final List<String> TYPES = List.of(
            "Patient",
            "Flag",
            "AuditEvent",
            "Organization",
            "Group",
            "PractitionerRole",
            "Practitioner",
            "CareTeam",
            "Appointment",
            "Subscription",
            "StructureDefinition",
            "ValueSet",
            "CodeSystem",
            "SearchParameter",
            "NamingSystem");
    static final List<String> INTERACTIONS = List.of("search", "read", "create", "update", "delete", "validate");

    /** The expected allowed interactions per persona (type -> interactions). */
    static final Map<String, Map<String, Set<String>>> ALLOWED = Map.of(
            "la-medway", localAuthority(),
            "la-reading", localAuthority(),
            "ed-clinician", clinician(),
            "gp", clinician(),
            // a clinician whose trust is not in the information sharing agreement: nothing
            "outsider", Map.of(),
            "board-admin",
                    Map.of(
                            "Organization", Set.of("search", "read", "create", "update", "delete", "validate"),
                            "Group", Set.of("search", "read", "create", "update", "delete", "validate"),
                            "PractitionerRole", Set.of("search", "read", "create", "update", "delete"),
                            "Practitioner", Set.of("search", "read", "create", "update", "delete")));

    private static Map<String, Set<String>> localAuthority() {
        return Map.of(
                "Patient", Set.of("search", "read", "create", "update", "validate", "look-up"),
                "Flag", Set.of("search", "read", "create", "update", "validate", "look-up"),
                "Organization", Set.of("search", "read"),
                "AuditEvent", Set.of("search", "read", "look-up"),
                // its own notification subscriptions (another council's are not known: 404)
                "Subscription", Set.of("search", "read", "create", "update", "delete"));
    }

    /**
     * A clinician reaches patient data only by a look-up naming one NHS number; Organizations freely;
     * and records a flagged child's missed appointment (create only: nobody reads Appointments back).
     */
    private static Map<String, Set<String>> clinician() {
        return Map.of(
                "Flag", Set.of("look-up"),
                "Patient", Set.of("look-up"),
                "Organization", Set.of("search", "read"),
                "AuditEvent", Set.of("look-up"),
                "CareTeam", Set.of("look-up"),
                "Appointment", Set.of("create"));
    }

    /** Types with a look-up by NHS number (the clinician's one way in). */
    static final Set<String> LOOK_UP_TYPES = Set.of("Patient", "Flag", "AuditEvent", "CareTeam");

    private static List<String> withLookUp() {
        List<String> interactions = new java.util.ArrayList<>(INTERACTIONS);
        interactions.add("look-up");
        return interactions;
    }

    @Test
    void everyPersonaIsAllowedExactlyWhatItsRulesAllow() {
        SoftAssertions softly = new SoftAssertions();
        int cases = 0;
        for (String persona : ALLOWED.keySet()) {
            for (String type : TYPES) {
                for (String interaction : LOOK_UP_TYPES.contains(type) ? withLookUp() : INTERACTIONS) {
                    boolean allowed =
                            ALLOWED.get(persona).getOrDefault(type, Set.of()).contains(interaction);
                    Response response = send(httpAs(persona), type, interaction);
                    String what = persona + " " + interaction + " " + type + " -> " + response.statusCode();
                    if (type.equals("CareTeam") && !Set.of("search", "look-up").contains(interaction)) {
                        // the CareTeam view only answers searches: anything else is not served at all
                        softly.assertThat(response.statusCode()).as(what).isBetween(400, 405);
                        softly.assertThat(response.body().asString()).as(what).doesNotContain("\"entry\"", "\"total\"");
                    } else if (allowed) {
                        softly.assertThat(response.statusCode())
                                .as(what)
                                .isNotEqualTo(403)
                                .isLessThan(500);
                    } else {
                        assertDeniedRevealingNothing(softly, response, what);
                    }
                    cases++;
                }
            }
            for (String fishing : List.of(
                    "/fhir/_history", "/fhir/Patient/_history", "/fhir/Flag/_history", "/fhir/Patient/$everything")) {
                assertDeniedRevealingNothing(softly, httpAs(persona).get(fishing), persona + " GET " + fishing);
                cases++;
            }
            // Bulk export is not served at all: refused before any rule is consulted, revealing nothing.
            for (String missing : List.of("/fhir/$export", "/fhir/Patient/$export")) {
                Response response = httpAs(persona).get(missing);
                softly.assertThat(response.statusCode())
                        .as(persona + " GET " + missing)
                        .isBetween(400, 404);
                softly.assertThat(response.body().asString()).doesNotContain("\"entry\"", "\"total\"");
                cases++;
            }
            assertDeniedRevealingNothing(
                    softly,
                    httpAs(persona)
                            .contentType("application/fhir+json")
                            .body(auditEvent())
                            .post("/fhir/AuditEvent"),
                    persona + " writes an AuditEvent");
            cases++;
        }
        log.info(
                "Authorization matrix: {} cases ({} personas x {} types x {} interactions, plus fishing and audit writes)",
                cases,
                ALLOWED.size(),
                TYPES.size(),
                INTERACTIONS.size());
        softly.assertAll();
        assertThat(cases).isGreaterThanOrEqualTo(ALLOWED.size() * TYPES.size() * INTERACTIONS.size());
        assertThat(ALLOWED.get("ed-clinician").get("Flag")).containsExactly("look-up");
    }

    private static void assertDeniedRevealingNothing(SoftAssertions softly, Response response, String what) {
        String body = response.body().asString();
        softly.assertThat(response.statusCode()).as(what).isEqualTo(403);
        softly.assertThat(body).as(what).contains("OperationOutcome").doesNotContain("\"entry\"", "\"total\"");
    }

    private static Response send(RequestSpecification request, String type, String interaction) {
        String body = "{\"resourceType\":\"" + type + "\"}";
        return switch (interaction) {
            case "search" -> request.get("/fhir/" + type);
            case "read" -> request.get("/fhir/" + type + "/matrix-no-such-id");
            case "create" ->
                request.contentType("application/fhir+json").body(body).post("/fhir/" + type);
            case "update" ->
                request.contentType("application/fhir+json")
                        .body("{\"resourceType\":\"" + type + "\",\"id\":\"matrix-update\"}")
                        .put("/fhir/" + type + "/matrix-update");
            case "delete" -> request.delete("/fhir/" + type + "/matrix-no-such-id");
            case "history" -> request.get("/fhir/" + type + "/matrix-no-such-id/_history");
            case "validate" ->
                request.contentType("application/fhir+json").body(body).post("/fhir/" + type + "/$validate");
            case "look-up" ->
                request.get("/fhir/" + type + "?" + (type.equals("Patient") ? "identifier" : "patient:identifier")
                        + "=https://fhir.nhs.uk/Id/nhs-number%7C9990000115");
            default -> throw new IllegalArgumentException(interaction);
        };
    }

    private static String auditEvent() {
        return "{\"resourceType\":\"AuditEvent\",\"type\":{\"code\":\"rest\"},\"recorded\":\"2025-01-01T00:00:00Z\"}";
    }
}
