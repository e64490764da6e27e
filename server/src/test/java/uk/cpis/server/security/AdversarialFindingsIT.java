package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * Issue 14, findings 1 and 2, one test each, the request as the issue gives it: a council can neither
 * change another council's child (JSON and FHIRPath Patch, conditional update and patch, update by id,
 * a no-op patch, a changed NHS number) nor reach another party's record through a conditional create
 * (of a Patient by NHS number or by id, alone or in a transaction or batch; of a Flag by id; of a
 * Subscription by owner tag, whose channel headers nobody reads back; of a missed Appointment by
 * status). Every answer is checked for the other party's markers, and the other party's records are
 * read beneath the rules before and after.
 */
class AdversarialFindingsIT extends AdversarialChildFindingsSupport {

    // ---- finding 1: a council rewrites another council's child ---------------------------------------

    @Test
    void aCouncilCannotJsonPatchAnotherCouncilsChild() {
        String request = "la-reading PATCH /fhir/Patient/" + medway.patientId() + " (JSON Patch)";
        Response answer = httpAs("la-reading")
                .contentType(JSON_PATCH)
                .body(rewrite())
                .patch("/fhir/Patient/" + medway.patientId());

        assertRefused(answer, 403, request);
        assertThat(answer.body().asString())
                .as(request + ": the refusal names the rule")
                .containsIgnoringCase("patch");
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    @Test
    void aCouncilCannotFhirPathPatchAnotherCouncilsChild() {
        String request = "la-reading PATCH /fhir/Patient/" + medway.patientId() + " (FHIRPath Patch)";
        String fhirPathPatch = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":["
                + "{\"name\":\"type\",\"valueCode\":\"replace\"},{\"name\":\"path\",\"valueString\":\"Patient.birthDate\"},"
                + "{\"name\":\"value\",\"valueDate\":\"2001-01-01\"}]}]}";
        Response answer = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(fhirPathPatch)
                .patch("/fhir/Patient/" + medway.patientId());

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    /** The conditional URL matches only Reading's own children: none, so Reading gets a child of its own. */
    @Test
    void aCouncilsConditionalUpdateByNhsNumberNeverReachesAnotherCouncilsChild() {
        String url = "/fhir/Patient?identifier=" + NHS + medway.nhsNumber();
        String request = "la-reading PUT " + url;
        Response answer = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(readingsVersion(medway.nhsNumber(), null))
                .put(url);

        assertThat(answer.statusCode())
                .as(request + " should create Reading's own child (201):\n"
                        + answer.body().asString())
                .isEqualTo(201);
        String created = answer.jsonPath().getString("id");
        assertThat(created).as(request + " answered with Medway's child").isNotEqualTo(medway.patientId());
        assertThat(answer.jsonPath().getString("managingOrganization.reference"))
                .as(request + ": the new child is Reading's")
                .isEqualTo(reading.getReference());
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(medway.nhsNumber()))
                .as("one child per council")
                .containsExactlyInAnyOrder(medway.patientId(), created);
    }

    @Test
    void aCouncilCannotConditionallyPatchAnotherCouncilsChild() {
        String url = "/fhir/Patient?identifier=" + NHS + medway.nhsNumber();
        String request = "la-reading PATCH " + url + " (JSON Patch)";
        Response answer =
                httpAs("la-reading").contentType(JSON_PATCH).body(rewrite()).patch(url);

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    @Test
    void aCouncilCannotPutAnotherCouncilsChildById() {
        String unknown = unknownId();
        Response foreign = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(readingsVersion(medway.nhsNumber(), medway.patientId()))
                .put("/fhir/Patient/" + medway.patientId());
        Response nobody = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(readingsVersion(medway.nhsNumber(), unknown))
                .put("/fhir/Patient/" + unknown);

        String request = "la-reading PUT /fhir/Patient/" + medway.patientId();
        assertSameAsUnknown(foreign, medway.patientId(), nobody, unknown, request);
        assertCarriesNone(foreign, request, medway.markersBut(medway.nhsNumber(), "Patient/" + medway.patientId()));
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    /** An empty JSON Patch changes nothing, and once answered with the whole record while a read said 404. */
    @Test
    void aNoOpPatchOfAnotherCouncilsChildRevealsNothing() {
        String request = "la-reading PATCH /fhir/Patient/" + medway.patientId() + " with []";
        Response answer =
                httpAs("la-reading").contentType(JSON_PATCH).body("[]").patch("/fhir/Patient/" + medway.patientId());

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    @Test
    void aStoredChildsNhsNumberCannotChange() {
        String request = "la-medway PUT /fhir/Patient/" + medway.patientId() + " with another NHS number";
        Patient renumbered = FHIR.newJsonParser().parseResource(Patient.class, patientBefore);
        renumbered.getMeta().setVersionId(null);
        renumbered.getIdentifierFirstRep().setValue(NhsNumbers.next());
        Response answer = httpAs("la-medway")
                .contentType(FHIR_JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(renumbered))
                .put("/fhir/Patient/" + medway.patientId());

        assertRefused(answer, 422, request);
        assertUntouched(medway, patientBefore, planBefore, request);
    }

    @Test
    void aCouncilCannotCreateAChildForAnotherCouncil() {
        String nhsNumber = NhsNumbers.next();
        Patient shadow = CpisResources.child(nhsNumber).setManagingOrganization(council(TestCouncil.MEDWAY));
        String request = "la-reading POST /fhir/Patient with managingOrganization Medway";
        Response answer = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(shadow))
                .post("/fhir/Patient");

        assertRefused(answer, 422, request);
        assertThat(storedPatientIds(nhsNumber)).as(request + " stored a child").isEmpty();
    }

    // ---- finding 2: conditional create hands over other parties' records ----------------------------

    @Test
    void conditionalCreateOfAChildByNhsNumberCreatesTheCouncilsOwnAndRevealsNoOther() {
        String request = "la-reading POST /fhir/Patient If-None-Exist: identifier=…|" + medway.nhsNumber();
        Response first = conditionalCreate("identifier=" + CpisResources.NHS_NUMBER + "|" + medway.nhsNumber());
        Response again = conditionalCreate("identifier=" + CpisResources.NHS_NUMBER + "|" + medway.nhsNumber());

        assertThat(first.statusCode())
                .as(request + " should create Reading's own child (201):\n"
                        + first.body().asString())
                .isEqualTo(201);
        String created = first.jsonPath().getString("id");
        assertThat(created).as(request + " answered with Medway's child").isNotEqualTo(medway.patientId());
        assertThat(first.jsonPath().getString("managingOrganization.reference")).isEqualTo(reading.getReference());
        assertThat(again.statusCode())
                .as("the same upload again finds Reading's own child")
                .isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(created);
        for (Response answer : List.of(first, again)) {
            assertCarriesNone(answer, request, medway.markersButNhsNumber());
        }
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(medway.nhsNumber())).containsExactlyInAnyOrder(medway.patientId(), created);
    }

    @Test
    void conditionalCreateOfAChildByIdIsRefused() {
        String request = "la-reading POST /fhir/Patient If-None-Exist: _id=" + medway.patientId();
        String ownNumber = NhsNumbers.next();
        Response answer = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "_id=" + medway.patientId())
                .body(readingsVersion(ownNumber, null))
                .post("/fhir/Patient");

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(ownNumber)).isEmpty();
    }

    @Test
    void conditionalCreateInATransactionMatchesOnlyTheCouncilsOwnChildren() {
        String request = "la-reading transaction: POST Patient ifNoneExist identifier=…|" + medway.nhsNumber();
        Response answer = bundle(
                "transaction", "identifier=" + CpisResources.NHS_NUMBER + "|" + medway.nhsNumber(), medway.nhsNumber());

        assertThat(answer.statusCode())
                .as(request + ":\n" + answer.body().asString())
                .isEqualTo(200);
        assertThat(answer.jsonPath().getString("entry[0].response.status"))
                .as(request + " should create Reading's own child")
                .startsWith("201");
        assertThat(answer.jsonPath().getString("entry[0].response.location"))
                .doesNotContain("Patient/" + medway.patientId());
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(medway.nhsNumber())).hasSize(2).contains(medway.patientId());
    }

    @Test
    void conditionalCreateByIdInATransactionIsRefused() {
        String request = "la-reading transaction: POST Patient ifNoneExist _id=" + medway.patientId();
        String ownNumber = NhsNumbers.next();
        Response answer = bundle("transaction", "_id=" + medway.patientId(), ownNumber);

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(ownNumber))
                .as(request + " stored the entry")
                .isEmpty();
    }

    @Test
    void conditionalCreateInABatchMatchesOnlyTheCouncilsOwnChildren() {
        String request = "la-reading batch: POST Patient ifNoneExist identifier=…|" + medway.nhsNumber();
        Response answer = bundle(
                "batch", "identifier=" + CpisResources.NHS_NUMBER + "|" + medway.nhsNumber(), medway.nhsNumber());

        assertThat(answer.statusCode())
                .as(request + ":\n" + answer.body().asString())
                .isEqualTo(200);
        assertThat(answer.jsonPath().getString("entry[0].response.status"))
                .as(request + " should create Reading's own child:\n"
                        + answer.body().asString())
                .startsWith("201");
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(medway.nhsNumber())).hasSize(2).contains(medway.patientId());
    }

    @Test
    void conditionalCreateByIdInABatchIsRefused() {
        String request = "la-reading batch: POST Patient ifNoneExist _id=" + medway.patientId();
        String ownNumber = NhsNumbers.next();
        Response answer = bundle("batch", "_id=" + medway.patientId(), ownNumber);

        String status = answer.statusCode() == 200
                ? answer.jsonPath().getString("entry[0].response.status")
                : answer.statusLine();
        assertThat(status)
                .as(request + " should refuse the entry (403):\n"
                        + answer.body().asString())
                .contains("403");
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPatientIds(ownNumber))
                .as(request + " stored the entry")
                .isEmpty();
    }

    @Test
    void conditionalCreateOfAPlanByIdIsRefused() {
        String request = "la-reading POST /fhir/Flag If-None-Exist: _id=" + medway.planId();
        String ownPlan = "P-" + NhsNumbers.next();
        String body = FHIR.newJsonParser()
                .encodeResourceToString(planOf("00MC", ownPlan, new Reference("Patient/" + unknownId()), reading));
        Response answer = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "_id=" + medway.planId())
                .body(body)
                .post("/fhir/Flag");

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markers());
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPlansWith("00MC", ownPlan)).isZero();
    }

    /** Medway's Subscription with a secret channel header, the only one tagged 00LC, as when the issue was found. */
    @Test
    void conditionalCreateOfASubscriptionByOwnerTagIsRefused() {
        String secret = "Bearer medway-secret-" + UUID.randomUUID();
        try (CouncilListener listener = CouncilListener.start()) {
            String id = medwaysSubscription(listener, secret);
            try {
                String subscriptionBefore = stored("Subscription", id);
                String readingReason = "Reading notifications " + UUID.randomUUID();
                String request =
                        "la-reading POST /fhir/Subscription If-None-Exist: _tag=https://fhir.nhs.uk/Id/ods-organization-code|00LC";
                Response answer = httpAs("la-reading")
                        .contentType(FHIR_JSON)
                        .header("If-None-Exist", "_tag=https://fhir.nhs.uk/Id/ods-organization-code|00LC")
                        .body(NotificationsIT.subscription(
                                        "la-reading", "AuditEvent?responsible-la=00MC", listener.endpoint())
                                .replace("CP-IS notifications for la-reading", readingReason))
                        .post("/fhir/Subscription");

                assertRefused(answer, 403, request);
                assertCarriesNone(
                        answer,
                        request,
                        List.of(secret, "medway-secret", "Medway notifications", "Subscription/" + id));
                assertThat(stored("Subscription", id))
                        .as(request + " changed Medway's Subscription/" + id)
                        .isEqualTo(subscriptionBefore);
                assertThat(httpAs("la-reading")
                                .get("/fhir/Subscription?_count=200")
                                .body()
                                .asString())
                        .as(request + " stored Reading's subscription")
                        .doesNotContain(readingReason);
            } finally {
                httpAs("la-medway").delete("/fhir/Subscription/" + id);
            }
        }
    }

    /** Channel headers are write-only: not even the subscribing council reads its secret back (create, read, search). */
    @Test
    void noAnswerCarriesASubscriptionsChannelHeaderValue() {
        String secret = "Bearer medway-secret-" + UUID.randomUUID();
        try (CouncilListener listener = CouncilListener.start()) {
            Response subscribed = httpAs("la-medway")
                    .contentType(FHIR_JSON)
                    .body(NotificationsIT.subscription(
                            "la-medway",
                            "AuditEvent?responsible-la=00LC",
                            listener.endpoint(),
                            "Authorization: " + secret))
                    .post("/fhir/Subscription");
            assertThat(subscribed.statusCode()).as(subscribed.body().asString()).isEqualTo(201);
            String id = subscribed.jsonPath().getString("id");
            try {
                List<String> secrets = List.of(secret, "medway-secret");
                assertCarriesNone(subscribed, "la-medway POST /fhir/Subscription (its own)", secrets);
                assertCarriesNone(
                        httpAs("la-medway").get("/fhir/Subscription/" + id),
                        "la-medway GET its own Subscription/" + id,
                        secrets);
                assertCarriesNone(
                        httpAs("la-medway").get("/fhir/Subscription?_count=200"),
                        "la-medway GET /fhir/Subscription",
                        secrets);
            } finally {
                httpAs("la-medway").delete("/fhir/Subscription/" + id);
            }
        }
    }

    private String medwaysSubscription(CouncilListener listener, String secret) {
        Response subscribed = httpAs("la-medway")
                .contentType(FHIR_JSON)
                .body(NotificationsIT.subscription(
                                "la-medway",
                                "AuditEvent?responsible-la=00LC",
                                listener.endpoint(),
                                "Authorization: " + secret)
                        .replace("CP-IS notifications for la-medway", "Medway notifications " + UUID.randomUUID()))
                .post("/fhir/Subscription");
        assertThat(subscribed.statusCode()).as(subscribed.body().asString()).isEqualTo(201);
        return subscribed.jsonPath().getString("id");
    }

    /** Nobody reads Appointments back, and a conditional create is a read. */
    @Test
    void conditionalCreateOfAMissedAppointmentByStatusIsRefused() {
        java.time.Instant start = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        Response recorded = httpAs("ed-RHW")
                .contentType(FHIR_JSON)
                .body(missedAppointment(medway.nhsNumber(), "RHW", start))
                .post("/fhir/Appointment");
        assertThat(recorded.statusCode())
                .as("ed-RHW records Medway's child's missed appointment:\n"
                        + recorded.body().asString())
                .isEqualTo(201);
        String appointmentId = recorded.jsonPath().getString("id");
        int storedBefore = storedAppointments();

        String request = "ed-clinician POST /fhir/Appointment If-None-Exist: status=noshow";
        String ownChild = NhsNumbers.next();
        Response answer = httpAs("ed-clinician")
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "status=noshow")
                .body(missedAppointment(ownChild, "RPA", start))
                .post("/fhir/Appointment");

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, List.of(medway.nhsNumber(), "Appointment/" + appointmentId));
        assertThat(storedAppointments()).as(request + " stored an Appointment").isEqualTo(storedBefore);
    }

    // ---- requests ----------------------------------------------------------------------------------

    private Response conditionalCreate(String ifNoneExist) {
        return httpAs("la-reading")
                .contentType(FHIR_JSON)
                .header("If-None-Exist", ifNoneExist)
                .body(readingsVersion(medway.nhsNumber(), null))
                .post("/fhir/Patient");
    }

    /** A transaction or batch of one entry: Reading's child with this NHS number, created if none exists. */
    private Response bundle(String type, String ifNoneExist, String nhsNumber) {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[{\"fullUrl\":\"urn:uuid:"
                + UUID.randomUUID() + "\",\"resource\":" + readingsVersion(nhsNumber, null)
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\",\"ifNoneExist\":\"" + ifNoneExist + "\"}}]}";
        return httpAs("la-reading").contentType(FHIR_JSON).body(bundle).post("/fhir");
    }

    /** Reading's record of a child with this NHS number (name and birth date unlike Medway's). */
    private static String readingsVersion(String nhsNumber, String id) {
        Patient child = CpisResources.child(nhsNumber);
        child.getNameFirstRep().setFamily("Readingversion");
        if (id != null) {
            child.setId(id);
        }
        return FHIR.newJsonParser().encodeResourceToString(child);
    }

    /** A JSON Patch changing the child's name, birth date and NHS number. */
    private static String rewrite() {
        return "[{\"op\":\"replace\",\"path\":\"/name/0/family\",\"value\":\"Rewritten\"},"
                + "{\"op\":\"replace\",\"path\":\"/birthDate\",\"value\":\"2001-01-01\"},"
                + "{\"op\":\"replace\",\"path\":\"/identifier/0/value\",\"value\":\"" + NhsNumbers.next() + "\"}]";
    }

    private int storedAppointments() {
        return daoRegistry
                .getResourceDao("Appointment")
                .searchForResourceIds(
                        ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous(),
                        new ca.uhn.fhir.rest.api.server.SystemRequestDetails())
                .size();
    }

    private static String missedAppointment(String nhsNumber, String odsCode, java.time.Instant start) {
        return "{\"resourceType\":\"Appointment\",\"status\":\"noshow\",\"serviceType\":[{\"text\":\"Paediatric outpatients\"}],"
                + "\"start\":\"" + start + "\",\"end\":\"" + start.plus(java.time.Duration.ofMinutes(20))
                + "\",\"participant\":["
                + "{\"actor\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\""
                + nhsNumber
                + "\"}},\"status\":\"declined\"},{\"actor\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\","
                + "\"value\":\"" + odsCode + "\"}},\"status\":\"accepted\"}]}";
    }
}
