package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import io.restassured.response.Response;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * A clinician looks up one child at a time by NHS number and cannot fish; a council sees its own
 * plans and children only, and another council's plan is answered as if it did not exist.
 */
class LookUpRulesIT extends PostgresServerTest {

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";

    String nhsNumber;
    Flag medwaysPlan;
    Flag readingsPlan;

    @BeforeEach
    void aChildWithPlansOfTwoCouncils() {
        nhsNumber = NhsNumbers.next();
        medwaysPlan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {});
        readingsPlan = uploadPlan(
                TestCouncil.READING,
                nhsNumber,
                LAC,
                plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s31")));
    }

    @Test
    void clinicianLooksUpOneChildByNhsNumberWithTheStandardRequest() {
        for (String query : List.of(
                "/fhir/Flag?patient:identifier=" + NHS + nhsNumber + "&_include=Flag:author",
                "/fhir/Flag?patient.identifier=" + NHS + nhsNumber + "&_include=Flag:author")) {
            Response response = httpAs("ed-clinician").get(query);

            assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
            assertThat(response.jsonPath().getList("entry.resource.id"))
                    .contains(
                            medwaysPlan.getIdElement().getIdPart(),
                            readingsPlan.getIdElement().getIdPart());
            assertThat(response.body().asString()).contains("Medway Council", "Reading Borough Council");
        }
        // each council's record of the child: both are shown, the look-up merges them
        assertThat(httpAs("ed-clinician")
                        .get("/fhir/Patient?identifier=" + NHS + nhsNumber)
                        .jsonPath()
                        .getInt("total"))
                .isEqualTo(2);
    }

    @Test
    void aPersonWithoutAPlanAClinicianMaySeeLooksLikeAnUnknownNumber() {
        String corrected = NhsNumbers.next();
        uploadPlan(
                TestCouncil.MEDWAY,
                corrected,
                CPP,
                plan -> plan.setStatus(org.hl7.fhir.r4.model.Flag.FlagStatus.ENTEREDINERROR));
        String unknown = NhsNumbers.next();

        for (String nhs : List.of(corrected, unknown)) {
            Response patients = httpAs("ed-clinician").get("/fhir/Patient?identifier=" + NHS + nhs);
            assertThat(patients.statusCode()).isEqualTo(200);
            assertThat(patients.jsonPath().getList("entry")).as(nhs).isNullOrEmpty();
            Response lookUp = httpAs("ed-clinician").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + nhs);
            assertThat(lookUp.jsonPath().getList("entry.resource.resourceType"))
                    .as(nhs)
                    .containsExactly("OperationOutcome");
        }
        assertThat(httpAs("ed-clinician")
                        .get("/fhir/Patient?identifier=" + NHS + corrected)
                        .jsonPath()
                        .getInt("total"))
                .as("not even the count gives the person away")
                .isZero();
    }

    @Test
    void anUnknownNhsNumberIsAnEmptyAnswerNotAnError() {
        Response response = httpAs("ed-clinician").get("/fhir/Flag?patient:identifier=" + NHS + NhsNumbers.next());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getInt("total")).isZero();
    }

    @Test
    void clinicianCannotFish() {
        String child = medwaysPlan.getSubject().getReferenceElement().getIdPart();
        String lookUp = "/fhir/Flag?patient:identifier=" + NHS + nhsNumber;
        List<String> fishing = List.of(
                "/fhir/Flag",
                "/fhir/Flag?status=active",
                "/fhir/Flag?_id=" + medwaysPlan.getIdElement().getIdPart(),
                "/fhir/Flag/" + medwaysPlan.getIdElement().getIdPart(),
                "/fhir/Flag/" + medwaysPlan.getIdElement().getIdPart() + "/_history",
                "/fhir/Patient/" + child,
                "/fhir/Patient?name=Example",
                "/fhir/Patient?birthdate=2015-04-01",
                "/fhir/Patient?identifier=" + NHS + nhsNumber + "," + NhsNumbers.next(),
                "/fhir/Patient?identifier=" + NHS + nhsNumber + "&identifier=" + NHS + NhsNumbers.next(),
                "/fhir/Patient?identifier=" + NHS + "999",
                "/fhir/Flag?subject=Patient/" + child,
                lookUp + "&_revinclude=Flag:subject",
                lookUp + "&_include:iterate=Flag:subject",
                lookUp + "&_include=Flag:encounter",
                lookUp + "&_count=5000",
                lookUp + "&_has:Flag:subject:status=active",
                "/fhir/Organization?_revinclude=Flag:author",
                "/fhir/Organization?_has:Flag:author:status=active",
                "/fhir/AuditEvent",
                "/fhir/AuditEvent?entity-role=1",
                "/fhir/CareTeam",
                "/fhir/Patient/" + child + "/$everything",
                "/fhir?_getpages=6f1d2c1e-0000-4000-8000-000000000000&_getpagesoffset=20",
                "/fhir/Flag/_history",
                "/fhir/_history");
        for (String query : fishing) {
            Response response = httpAs("ed-clinician").get(query);
            String body = response.body().asString();
            assertThat(response.statusCode()).as(query + " -> " + body).isEqualTo(403);
            assertThat(body).as(query).contains("OperationOutcome").doesNotContain("\"entry\"", "\"total\"", nhsNumber);
        }
    }

    @Test
    void clinicianCannotReadThroughABundle() {
        String batch =
                "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\",\"url\":\"Flag?status=active\"}}]}";

        Response response = httpAs("ed-clinician")
                .contentType("application/fhir+json")
                .body(batch)
                .post("/fhir");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(batch)
                        .post("/fhir")
                        .statusCode())
                .as("nor a council: its reads are narrowed only outside bundles")
                .isEqualTo(403);
    }

    @Test
    void clinicianSeesActivePlansAndThoseEndedInTheLast12MonthsButNeverOnesEnteredInError() {
        String child = NhsNumbers.next();
        Flag active = uploadPlan(TestCouncil.MEDWAY, child, CPP, plan -> {});
        Flag endedRecently = uploadPlan(TestCouncil.MEDWAY, child, CPP, plan -> ended(plan, 30));
        Flag endedLongAgo = uploadPlan(TestCouncil.MEDWAY, child, CPP, plan -> ended(plan, 400));
        Flag mistake =
                uploadPlan(TestCouncil.MEDWAY, child, CPP, plan -> plan.setStatus(Flag.FlagStatus.ENTEREDINERROR));

        List<String> shown = httpAs("ed-clinician")
                .get("/fhir/Flag?patient:identifier=" + NHS + child)
                .jsonPath()
                .getList("entry.resource.id");

        assertThat(shown)
                .contains(
                        active.getIdElement().getIdPart(),
                        endedRecently.getIdElement().getIdPart())
                .doesNotContain(
                        endedLongAgo.getIdElement().getIdPart(),
                        mistake.getIdElement().getIdPart());
        assertThat(httpAs("la-medway")
                        .get("/fhir/Flag/" + endedLongAgo.getIdElement().getIdPart())
                        .statusCode())
                .as("the council still sees its own ended plan")
                .isEqualTo(200);
    }

    @Test
    void councilSeesOnlyItsOwnPlansAndChildren() {
        Response readingsFlags = httpAs("la-reading").get("/fhir/Flag?patient.identifier=" + NHS + nhsNumber);
        assertThat(readingsFlags.jsonPath().getList("entry.resource.id"))
                .containsExactly(readingsPlan.getIdElement().getIdPart());
        assertThat(readingsFlags.jsonPath().getInt("total"))
                .as("the total counts only its own")
                .isEqualTo(1);
        for (String query : List.of(
                "/fhir/Flag?_count=200",
                "/fhir/Flag?_revinclude=Flag:subject",
                "/fhir/Patient?identifier=" + NHS + nhsNumber + "&_revinclude=Flag:subject")) {
            Response answer = httpAs("la-reading").get(query);
            // a reverse include is refused outright (403); any answer there is must hold only Reading's own
            assertThat(answer.statusCode()).as(query).isIn(200, 403);
            assertThat(answer.body().asString())
                    .as(query)
                    .doesNotContain(
                            medwaysPlan.getAuthor().getReference(),
                            medwaysPlan.getIdElement().getIdPart() + "\"");
        }
        String otherChild = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, otherChild, CPP, plan -> {});
        assertThat(httpAs("la-reading")
                        .get("/fhir/Patient?identifier=" + NHS + otherChild)
                        .jsonPath()
                        .getInt("total"))
                .as("a child Reading has no plan for")
                .isZero();
    }

    @Test
    void anotherCouncilsPlanIsAnsweredAsIfItDidNotExist() {
        Response other = httpAs("la-reading")
                .get("/fhir/Flag/" + medwaysPlan.getIdElement().getIdPart());
        Response missing = httpAs("la-reading").get("/fhir/Flag/987654321");

        assertThat(other.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(other.body().asString().replace(medwaysPlan.getIdElement().getIdPart(), "ID"))
                .isEqualTo(missing.body().asString().replace("987654321", "ID"));
        assertThat(httpAs("la-medway")
                        .get("/fhir/Flag/" + medwaysPlan.getIdElement().getIdPart())
                        .statusCode())
                .isEqualTo(200);
    }

    private static void ended(Flag plan, int daysAgo) {
        plan.setStatus(Flag.FlagStatus.INACTIVE);
        plan.getPeriod().setStart(new Date(System.currentTimeMillis() - (daysAgo + 100) * 86_400_000L));
        plan.getPeriod().setEnd(new Date(System.currentTimeMillis() - daysAgo * 86_400_000L));
    }
}
