package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.UriParam;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * Issue 14, findings 3 to 6, one test each, the request as the issue gives it: a page of a search
 * belongs to whoever made the search; a clinician cannot count plans without a recorded look-up
 * ({@code _summary=count}, {@code _count=0}, {@code _total}); {@code $cpis-lookup} answers only about the
 * child it records, and a malformed parameter is 400; another council's plan answers history, update
 * and a plan on its child exactly as an unknown id does, without the child's birth date; and no join
 * ({@code _has}) tells who holds a child.
 */
class AdversarialReadFindingsIT extends AdversarialChildFindingsSupport {

    // ---- finding 3: paging links work for anyone -----------------------------------------------------

    @Test
    void aPagingLinkReplayedByAnotherCallerIsNotFound() {
        medwayChild();
        medwayChild();
        Response firstPage = httpAs("la-medway").get("/fhir/Flag?_count=2");
        assertThat(firstPage.statusCode()).as(firstPage.body().asString()).isEqualTo(200);
        String next = firstPage.jsonPath().getString("link.find { it.relation == 'next' }.url");
        assertThat(next).as("la-medway's search has a next page").isNotNull();
        String nextPage = next.substring(next.indexOf("/fhir"));
        Response own = httpAs("la-medway").get(nextPage);
        assertThat(own.statusCode())
                .as("la-medway pages through its own search")
                .isEqualTo(200);
        List<String> medwaysPlans = new ArrayList<>();
        for (Response page : List.of(firstPage, own)) {
            page.jsonPath().getList("entry.resource.id", String.class).forEach(id -> medwaysPlans.add("Flag/" + id));
        }

        for (String caller : List.of("la-reading", "la-00LC")) {
            String request = caller + " GET " + nextPage + " (la-medway's next link)";
            Response replayed = httpAs(caller).get(nextPage);
            assertRefused(replayed, 404, request);
            List<String> markers = new ArrayList<>(medwaysPlans);
            markers.addAll(List.of(medway.planIdentifier(), "00LC"));
            assertCarriesNone(replayed, request, markers);
        }
    }

    // ---- finding 4: look-ups that are not recorded ---------------------------------------------------

    @Test
    void aClinicianCannotCountPlansWithSummaryCount() {
        assertClinicianCountRefused("&_summary=count");
    }

    @Test
    void aClinicianCannotCountPlansWithCountZero() {
        assertClinicianCountRefused("&_count=0");
    }

    /** Finding 5: {@code _total=accurate} counted plans the look-up then hid. */
    @Test
    void aClinicianCannotAskALookUpForATotal() {
        assertClinicianCountRefused("&_total=accurate");
    }

    private void assertClinicianCountRefused(String counting) {
        String url = "/fhir/Flag?patient:identifier=" + NHS + medway.nhsNumber() + counting;
        String request = "ed-clinician GET " + url;
        Response answer = httpAs("ed-clinician").get(url);

        assertRefused(answer, 403, request);
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
    }

    /** The body names a flagged child, the URL an unknown number: the answer and the record once differed. */
    @Test
    void aLookUpNamingOneChildInTheUrlAndAnotherInTheBodyIsRefused() {
        String unknown = NhsNumbers.next();
        String url = "/fhir/Patient/$cpis-lookup?identifier=" + NHS + unknown;
        String request = "ed-clinician POST " + url + " with a body naming " + medway.nhsNumber();
        Response answer = httpAs("ed-clinician")
                .contentType(FHIR_JSON)
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"identifier\",\"valueString\":\""
                        + CpisResources.NHS_NUMBER + "|" + medway.nhsNumber() + "\"}]}")
                .post(url);

        assertRefused(answer, 400, request);
        assertCarriesNone(answer, request, medway.markersButNhsNumber());
        assertThat(storedAccessesTo(medway.nhsNumber()))
                .as(request + " was recorded as an access to the flagged child")
                .isEmpty();
        assertThat(accessLogRowsFor(unknown))
                .as(request + " was recorded as a look-up of the unknown number")
                .isZero();
    }

    /** As the issue sent it (with the URL's unknown number: once a 500), and in the body alone. */
    @Test
    void aLookUpParameterOfTheWrongTypeIsABadRequest() {
        String body =
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"identifier\",\"valueIdentifier\":{\"system\":\""
                        + CpisResources.NHS_NUMBER + "\",\"value\":\"" + medway.nhsNumber() + "\"}}]}";
        for (String url : List.of(
                "/fhir/Patient/$cpis-lookup?identifier=" + NHS + NhsNumbers.next(), "/fhir/Patient/$cpis-lookup")) {
            String request = "ed-clinician POST " + url + " with valueIdentifier in the body";
            Response answer =
                    httpAs("ed-clinician").contentType(FHIR_JSON).body(body).post(url);

            assertRefused(answer, 400, request);
            assertThat(answer.body().asString())
                    .as(request + ": the message names the parameter")
                    .contains("identifier");
            assertCarriesNone(answer, request, medway.markersButNhsNumber());
        }
        assertThat(storedAccessesTo(medway.nhsNumber()))
                .as("a refused look-up is no access to the flagged child")
                .isEmpty();
    }

    // ---- finding 5: existence oracles ----------------------------------------------------------------

    @Test
    void historyOfAnotherCouncilsPlanAnswersAsForAnUnknownId() {
        String unknown = unknownId();
        for (String form : List.of("/_history", "/_history/1")) {
            String request = "la-reading GET /fhir/Flag/" + medway.planId() + form;
            Response foreign = httpAs("la-reading").get("/fhir/Flag/" + medway.planId() + form);
            Response nobody = httpAs("la-reading").get("/fhir/Flag/" + unknown + form);

            assertSameAsUnknown(foreign, medway.planId(), nobody, unknown, request);
            assertCarriesNone(foreign, request, medway.markersBut("Flag/" + medway.planId()));
        }
        assertRefused(
                httpAs("la-reading").get("/fhir/Flag/" + medway.planId() + "/_history"),
                403,
                "la-reading GET /fhir/Flag/" + medway.planId() + "/_history (history is nobody's)");
    }

    @Test
    void updatingAnotherCouncilsPlanAnswersAsForAnUnknownId() {
        String unknown = unknownId();
        Reference readingsChild =
                new Reference("Patient/" + seedChild(TestCouncil.READING).patientId());
        String ownPlan = "P-" + NhsNumbers.next();
        Response foreign = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(planBody(ownPlan, readingsChild, medway.planId()))
                .put("/fhir/Flag/" + medway.planId());
        Response nobody = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(planBody(ownPlan, readingsChild, unknown))
                .put("/fhir/Flag/" + unknown);

        String request = "la-reading PUT /fhir/Flag/" + medway.planId();
        assertSameAsUnknown(foreign, medway.planId(), nobody, unknown, request);
        List<String> markers = medway.markersBut("Flag/" + medway.planId());
        assertCarriesNone(foreign, request, markers);
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPlansWith("00MC", ownPlan)).isZero();
    }

    /** A plan starting when Medway's child is 19: the refusal once gave the child's birth date. */
    @Test
    void aPlanOnAnotherCouncilsChildAnswersAsForAnUnknownChildWithoutItsBirthDate() {
        String unknown = unknownId();
        String ownPlan = "P-" + NhsNumbers.next();
        String adultStart = "2033-06-01";
        Response foreign = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(planBody(ownPlan, new Reference("Patient/" + medway.patientId()), null)
                        .replace("2025-01-15", adultStart))
                .post("/fhir/Flag");
        Response nobody = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(planBody(ownPlan, new Reference("Patient/" + unknown), null)
                        .replace("2025-01-15", adultStart))
                .post("/fhir/Flag");

        String request =
                "la-reading POST /fhir/Flag on Medway's Patient/" + medway.patientId() + " starting " + adultStart;
        assertSameAsUnknown(foreign, medway.patientId(), nobody, unknown, request);
        List<String> markers = new ArrayList<>(medway.markersBut("Patient/" + medway.patientId()));
        markers.add("born");
        assertCarriesNone(foreign, request, markers);
        assertUntouched(medway, patientBefore, planBefore, request);
        assertThat(storedPlansWith("00MC", ownPlan))
                .as(request + " stored the plan")
                .isZero();
    }

    // ---- finding 6: joins ----------------------------------------------------------------------------

    @Test
    void aJoinFromOrganizationsToPlansIsRefused() {
        Seeded readingsChild = seedChild(TestCouncil.READING);
        String url = "/fhir/Organization?_has:Flag:author:patient.identifier=" + readingsChild.nhsNumber();
        for (String caller : List.of("la-medway", "board-admin")) {
            String request = caller + " GET " + url;
            Response answer = httpAs(caller).get(url);

            assertRefused(answer, 403, request);
            assertCarriesNone(answer, request, List.of(reading.getReference(), "Reading Borough Council", "00MC"));
        }
    }

    @Test
    void aJoinFromChildrenToAnotherCouncilsPlansIsRefused() {
        String readingsPlan = "P-" + NhsNumbers.next();
        Response readingsUpload = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(planBody(readingsPlan, new Reference("Patient/" + readingsOwnChild(medway.nhsNumber())), null))
                .post("/fhir/Flag");
        assertThat(readingsUpload.statusCode())
                .as("Reading's plan for the same child:\n"
                        + readingsUpload.body().asString())
                .isEqualTo(201);
        String url = "/fhir/Patient?_has:Flag:subject:author=" + reading.getReference();
        for (String caller : List.of("la-medway", "board-admin")) {
            String request = caller + " GET " + url;
            Response answer = httpAs(caller).get(url);

            assertRefused(answer, 403, request);
            assertCarriesNone(
                    answer,
                    request,
                    List.of(medway.nhsNumber(), "Patient/" + medway.patientId(), medway.family(), readingsPlan));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** Reading's own Patient for this NHS number (a plain create: the conditional one is what finding 2 is about). */
    private String readingsOwnChild(String nhsNumber) {
        Response created = httpAs("la-reading")
                .contentType(FHIR_JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child(nhsNumber)))
                .post("/fhir/Patient");
        assertThat(created.statusCode())
                .as("Reading's own record of the child:\n" + created.body().asString())
                .isEqualTo(201);
        return created.jsonPath().getString("id");
    }

    /** Reading's plan body, with this id when given. */
    private String planBody(String planIdentifier, Reference child, String id) {
        var plan = planOf("00MC", planIdentifier, child, reading);
        if (id != null) {
            plan.setId(id);
        }
        return FHIR.newJsonParser().encodeResourceToString(plan);
    }

    /** The stored access records (AuditEvents) of the last hour naming this NHS number. */
    private List<AuditEvent> storedAccessesTo(String nhsNumber) {
        var query = ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous();
        query.add("_profile", new UriParam(Profiles.ACCESS_AUDITEVENT));
        query.add(
                "date",
                new DateParam(
                        ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                        Date.from(Instant.now().minus(Duration.ofHours(1)))));
        return daoRegistry
                .getResourceDao("AuditEvent")
                .search(query, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(AuditEvent.class::cast)
                .filter(access -> access.getEntity().stream()
                        .anyMatch(entity -> nhsNumber.equals(
                                entity.getWhat().getIdentifier().getValue())))
                .toList();
    }

    /** Rows of the access log (look-ups that showed nothing) for this NHS number. */
    private static int accessLogRowsFor(String nhsNumber) {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT COUNT(*) FROM cpis_access_log WHERE nhs_number = ?")) {
            query.setString(1, nhsNumber);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
