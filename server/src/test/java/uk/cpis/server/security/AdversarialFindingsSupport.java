package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * What the regression tests of issue 14's adversarial findings share: a council's child and plan seeded
 * through the council's own system with marker values nobody else may ever see, the stored records read
 * beneath the access rules (to prove that nothing changed), and the two checks every finding makes: an
 * answer carries none of another party's markers (body or headers), and a refusal for another party's
 * record is the refusal for an id that does not exist.
 */
abstract class AdversarialFindingsSupport extends PostgresServerTest {

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";
    static final String FHIR_JSON = "application/fhir+json";
    static final String JSON_PATCH = "application/json-patch+json";
    static final String FOREIGN_BIRTH_DATE = "2014-03-02";

    /**
     * A council's child with one active child protection plan, as stored. The name, birth date, NHS
     * number, ids and plan identifier are the markers: no other party may ever see one of them.
     */
    record Seeded(
            String ods,
            String council,
            String nhsNumber,
            String patientId,
            String planId,
            String planIdentifier,
            String family,
            String given,
            String birthDate) {

        /** Everything of this child and plan another party must never see, the owning council included. */
        List<String> markers() {
            return List.of(
                    nhsNumber,
                    "Patient/" + patientId,
                    "Flag/" + planId,
                    planIdentifier,
                    family,
                    given,
                    birthDate,
                    ods,
                    council);
        }

        /** The markers but the NHS number, for requests in which the caller itself names the number. */
        List<String> markersButNhsNumber() {
            return markersBut(nhsNumber);
        }

        /** The markers but those the caller itself sent (an answer may echo the caller's own request). */
        List<String> markersBut(String... sent) {
            List<String> echoed = List.of(sent);
            return markers().stream().filter(marker -> !echoed.contains(marker)).toList();
        }
    }

    /** A Medway child and plan, uploaded by Medway's own system (la-medway). */
    Seeded medwayChild() {
        return seedChild(TestCouncil.MEDWAY);
    }

    Seeded seedChild(TestCouncil owner) {
        String persona = owner.persona();
        String ods = owner.odsCode();
        String nhsNumber = NhsNumbers.next();
        String family = "Hidden" + letters(nhsNumber);
        String given = "Secret" + letters(nhsNumber.substring(3));
        Patient child = CpisResources.child(nhsNumber);
        child.getNameFirstRep().setFamily(family).getGiven().clear();
        child.getNameFirstRep().addGiven(given);
        child.setBirthDateElement(new DateType(FOREIGN_BIRTH_DATE));
        String patientId =
                fhirClientAs(persona).create().resource(child).execute().getId().getIdPart();
        String planIdentifier = "P-" + NhsNumbers.next();
        Reference council = council(owner);
        Flag plan = CpisResources.plan(
                CpisResources.CPP, ods, planIdentifier, new Reference("Patient/" + patientId), council);
        String planId =
                fhirClientAs(persona).create().resource(plan).execute().getId().getIdPart();
        return new Seeded(
                ods,
                council.getReference(),
                nhsNumber,
                patientId,
                planId,
                planIdentifier,
                family,
                given,
                FOREIGN_BIRTH_DATE);
    }

    /** A plan body of a council for a child reference, with a plan identifier of its own. */
    static Flag planOf(String ods, String planIdentifier, Reference child, Reference council) {
        return CpisResources.plan(CpisResources.CPP, ods, planIdentifier, child, council);
    }

    /** Digits as letters, so markers can go where only letters are expected (names). */
    static String letters(String digits) {
        StringBuilder letters = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            letters.append((char) ('a' + (digit - '0')));
        }
        return letters.toString();
    }

    /** A numeric id (the server's own kind) that no record has. */
    static String unknownId() {
        return String.valueOf(8_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    // ---- the store beneath the rules -------------------------------------------------------------

    /** The stored record (version and content), or why there is none, read beneath the access rules. */
    String stored(String type, String id) {
        try {
            IBaseResource resource =
                    daoRegistry.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails());
            return FHIR.newJsonParser().encodeResourceToString(resource);
        } catch (BaseServerResponseException missing) {
            return "no stored " + type + "/" + id + ": " + missing.getStatusCode();
        }
    }

    /** The seeded child and plan are exactly as stored before (same version, same content). */
    void assertUntouched(Seeded seeded, String patientBefore, String planBefore, String request) {
        assertThat(stored("Patient", seeded.patientId()))
                .as(request + " changed " + seeded.ods() + "'s Patient/" + seeded.patientId())
                .isEqualTo(patientBefore);
        assertThat(stored("Flag", seeded.planId()))
                .as(request + " changed " + seeded.ods() + "'s Flag/" + seeded.planId())
                .isEqualTo(planBefore);
    }

    /** The ids of the stored Patients with this NHS number, whoever owns them. */
    List<String> storedPatientIds(String nhsNumber) {
        return daoRegistry
                .getResourceDao("Patient")
                .search(
                        SearchParameterMap.newSynchronous()
                                .add("identifier", new TokenParam(CpisResources.NHS_NUMBER, nhsNumber)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(patient -> patient.getIdElement().getIdPart())
                .toList();
    }

    /** How many Flags are stored with this plan identifier value, whoever owns them. */
    int storedPlansWith(String ods, String planIdentifier) {
        return daoRegistry
                .getResourceDao("Flag")
                .searchForResourceIds(
                        SearchParameterMap.newSynchronous()
                                .add(
                                        "identifier",
                                        new TokenParam(IdentifierSystems.PLAN_ID_PREFIX + ods, planIdentifier)),
                        new SystemRequestDetails())
                .size();
    }

    // ---- what an answer may carry ------------------------------------------------------------------

    /** The answer (status line, headers and body) carries none of the markers. */
    static void assertCarriesNone(Response response, String request, List<String> markers) {
        String everything = response.statusLine() + "\n" + response.headers() + "\n"
                + response.body().asString();
        List<String> leaked = new ArrayList<>();
        for (String marker : markers) {
            // whole values only: Patient/12 is not a part of Patient/123
            if (Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(marker) + "(?![0-9A-Za-z])")
                    .matcher(everything)
                    .find()) {
                leaked.add(marker);
            }
        }
        assertThat(leaked)
                .as(request + " answered " + response.statusCode() + " carrying what it must never show " + leaked
                        + ":\n" + everything)
                .isEmpty();
    }

    /** A refusal: this status, an OperationOutcome, and no search result in it. */
    static void assertRefused(Response response, int status, String request) {
        String body = response.body().asString();
        assertThat(response.statusCode())
                .as(request + " should be refused with " + status + " but answered:\n" + body)
                .isEqualTo(status);
        assertThat(body).as(request).contains("OperationOutcome").doesNotContain("\"entry\"", "\"total\"");
    }

    /**
     * The answer for another party's record is the answer for an id that does not exist: same status, same
     * OperationOutcome once each id is replaced by a placeholder, and a refusal (never 2xx).
     */
    static void assertSameAsUnknown(
            Response foreign, String foreignId, Response unknown, String unknownId, String request) {
        String foreignBody = withoutId(foreign.body().asString(), foreignId);
        String unknownBody = withoutId(unknown.body().asString(), unknownId);
        assertThat(foreign.statusCode())
                .as(request + " on another party's record answered " + foreign.statusCode() + " (" + foreignBody
                        + ") but on an unknown id " + unknown.statusCode() + " (" + unknownBody + ")")
                .isEqualTo(unknown.statusCode());
        assertThat(foreign.statusCode())
                .as(request + " must be refused:\n" + foreignBody)
                .isBetween(400, 499);
        assertThat(foreignBody)
                .as(request + ": the refusal for another party's record differs from the one for an unknown id")
                .isEqualTo(unknownBody);
    }

    private static String withoutId(String body, String id) {
        return body.replaceAll("(?<![0-9A-Za-z-])" + Pattern.quote(id) + "(?![0-9A-Za-z-])", "{id}");
    }
}
