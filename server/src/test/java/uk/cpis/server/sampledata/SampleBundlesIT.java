package uk.cpis.server.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.sampledata.SampleDataDocs.Check;
import uk.cpis.server.sampledata.SampleDataDocs.InvalidSample;
import uk.cpis.server.sampledata.SampleDataDocs.LookUp;
import uk.cpis.server.sampledata.SampleDataDocs.SampleBundle;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.StartedServer;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * What test-data/README.md and test-data/invalid/README.md tell a tester, done as a tester does it: on
 * a server with an empty PostgreSQL database and no automatic sample load, every bundle is uploaded over
 * HTTP, in order, as the persona the README names, and every figure, look-up and refusal the READMEs
 * document is compared with what the server answers. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleBundlesIT {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String LOOK_UP = "/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C";

    static StartedServer server;

    @BeforeAll
    static void serverWithAnEmptyDatabase() throws Exception {
        server = StartedServer.onPostgres(
                TestPostgres.freshDatabase("cpis_samples"),
                "spring.profiles.active=demo",
                "cpis.sample-data.enabled=false");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void everyValidBundleUploadedInOrderAsItsPersonaGivesTheDocumentedFigures() throws IOException {
        List<SampleBundle> bundles = SampleDataDocs.sampleBundles();
        assertThat(bundles)
                .extracting(SampleBundle::file)
                .as("the README lists every bundle, in load order")
                .containsExactlyElementsOf(filesIn(SampleDataDocs.bundles()));
        assertThat(as("la-medway").get("/fhir/Flag?_summary=count").statusCode())
                .as("a council outside the (not yet loaded) sharing agreement sees nothing")
                .isEqualTo(403);

        for (SampleBundle bundle : bundles) {
            Bundle response = upload(bundle);
            // 201 for what is new; 200 where a child is already there (Reading's Theo Kowalski is Medway's too)
            assertThat(response.getEntry())
                    .as(bundle.file())
                    .allSatisfy(
                            entry -> assertThat(entry.getResponse().getStatus()).matches("20[01] .*"))
                    .anySatisfy(
                            entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
            assertFigures(bundle.file());
        }
    }

    @Test
    @Order(2)
    void uploadingEveryBundleAgainChangesNothing() throws IOException {
        Map<String, Integer> before = everyDocumentedFigure();
        for (SampleBundle bundle : SampleDataDocs.sampleBundles()) {
            Bundle response = upload(bundle);
            assertThat(response.getEntry()).as(bundle.file()).allSatisfy(entry -> {
                assertThat(entry.getResponse().getStatus()).startsWith("200");
                assertThat(entry.getResponse().getEtag())
                        .as("still the first version")
                        .matches("(W/\")?1\"?");
            });
        }
        assertThat(everyDocumentedFigure()).isEqualTo(before);
    }

    /** The answer to every request the README's figures table asks (made once each). */
    private Map<String, Integer> everyDocumentedFigure() {
        Map<String, Integer> figures = new LinkedHashMap<>();
        for (Check check : SampleDataDocs.checks()) {
            figures.computeIfAbsent(check.persona() + " " + check.path(), key -> total(check.persona(), check.path()));
        }
        return figures;
    }

    @Test
    @Order(3)
    void everyInvalidSampleIsRefusedAsDocumentedAndStoresNothing() throws IOException {
        List<InvalidSample> samples = SampleDataDocs.invalidSamples();
        assertThat(samples)
                .extracting(InvalidSample::file)
                .as("the invalid README lists every invalid sample")
                .containsExactlyInAnyOrderElementsOf(filesIn(SampleDataDocs.invalid()));
        Map<String, Integer> before = storedFigures();

        SoftAssertions softly = new SoftAssertions();
        for (InvalidSample sample : samples) {
            Response response = as(sample.persona())
                    .contentType("application/fhir+json")
                    .body(Files.readAllBytes(SampleDataDocs.invalid().resolve(sample.file())))
                    .request(sample.method(), sample.path());
            String body = response.body().asString();
            softly.assertThat(response.statusCode())
                    .as(sample.file() + ": " + body)
                    .isEqualTo(sample.status());
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
            List<String> reasons = outcome.getIssue().stream()
                    .flatMap(issue -> issue.getDetails().getCoding().stream())
                    .filter(coding -> CodeSystems.REJECT_REASON.equals(coding.getSystem()))
                    .map(coding -> coding.getCode())
                    .toList();
            softly.assertThat(reasons)
                    .as(sample.file() + " reject reason")
                    .isEqualTo(sample.reason().stream().toList());
            softly.assertThat(outcome.getIssue())
                    .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .as(sample.file() + " message")
                    .contains(sample.message());
        }
        softly.assertAll();
        assertThat(storedFigures())
                .as("nothing of the refused uploads was stored")
                .isEqualTo(before);
    }

    @Test
    @Order(4)
    void theDocumentedLookUpsMakeTheDocumentedAccessHistory() {
        List<LookUp> lookUps = SampleDataDocs.lookUps();
        assertThat(lookUps).isNotEmpty();
        for (LookUp lookUp : lookUps) {
            Response response = as(lookUp.persona())
                    .header("IsUnscheduledAccessEvent", String.valueOf(lookUp.unscheduled()))
                    .get(LOOK_UP + lookUp.nhsNumber());
            assertThat(response.statusCode())
                    .as(lookUp + ": " + response.body().asString())
                    .isEqualTo(200);
            assertThat(FHIR.newJsonParser()
                            .parseResource(Bundle.class, response.body().asString())
                            .getEntry())
                    .as(lookUp + " finds the child's plans")
                    .isNotEmpty();
        }
        assertFigures("look-ups");
    }

    @Test
    @Order(5)
    void aClinicianIsShownExactlyTheDocumentedPlansOfEveryChild() {
        SampleDataDocs.assertEveryChildAsDocumented(nhsNumber -> plansShownToAClinician(as("ed-clinician"), nhsNumber));
    }

    /** The council plan ids a clinician is shown for this NHS number (a silent look-up: not an access). */
    static List<String> plansShownToAClinician(RequestSpecification clinician, String nhsNumber) {
        Response response =
                clinician.header("IsUnscheduledAccessEvent", "false").get(LOOK_UP + nhsNumber + "&_count=100");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        // the plans; a repeat-attendance warning, if any, is an OperationOutcome entry (search.mode outcome)
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body().asString()).getEntry().stream()
                .filter(entry -> entry.getResource() instanceof Flag)
                .map(entry ->
                        ((Flag) entry.getResource()).getIdentifierFirstRep().getValue())
                .toList();
    }

    private Bundle upload(SampleBundle bundle) throws IOException {
        Response response = as(bundle.persona())
                .contentType("application/fhir+json")
                .body(Files.readAllBytes(SampleDataDocs.bundles().resolve(bundle.file())))
                .post("/fhir");
        assertThat(response.statusCode())
                .as(bundle.file() + " as " + bundle.persona() + ": "
                        + response.body().asString())
                .isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body().asString());
    }

    private void assertFigures(String after) {
        List<Check> checks = SampleDataDocs.checks().stream()
                .filter(check -> check.after().equals(after))
                .toList();
        assertThat(checks).as("figures documented after " + after).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Check check : checks) {
            softly.assertThat(total(check.persona(), check.path()))
                    .as(after + ": " + check.persona() + " " + check.path())
                    .isEqualTo(check.total());
        }
        softly.assertAll();
    }

    private int total(String persona, String path) {
        Response response = as(persona).get(path);
        assertThat(response.statusCode())
                .as(persona + " " + path + ": " + response.body().asString())
                .isEqualTo(200);
        return response.jsonPath().getInt("total");
    }

    /** Everything an invalid upload could have added, as its uploaders and the board administrator count it. */
    private Map<String, Integer> storedFigures() {
        Map<String, Integer> figures = new LinkedHashMap<>();
        for (String persona : List.of("la-medway", "la-reading")) {
            for (String path : List.of("/fhir/Flag?_summary=count", "/fhir/Patient?_summary=count")) {
                figures.put(persona + " " + path, total(persona, path));
            }
        }
        figures.put("board-admin organisations", total("board-admin", "/fhir/Organization?_summary=count"));
        return figures;
    }

    private static RequestSpecification as(String persona) {
        return RestAssured.given()
                .baseUri(server.serverRoot())
                .urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + DemoTokens.forPersona(server.serverRoot(), persona));
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }
}
