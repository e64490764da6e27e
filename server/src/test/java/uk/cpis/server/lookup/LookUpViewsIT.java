package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/** The national CareTeam view and the one-call $cpis-lookup, as a clinical system uses them. */
class LookUpViewsIT extends PostgresServerTest {

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";

    String nhsNumber;
    Flag cpp;
    Flag lac;

    @BeforeEach
    void aChildWithTwoPlansAndAMistake() {
        nhsNumber = NhsNumbers.next();
        cpp = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {});
        lac = uploadPlan(
                TestCouncil.READING,
                nhsNumber,
                LAC,
                plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s31")));
        uploadPlan(TestCouncil.READING, nhsNumber, CPP, plan -> plan.setStatus(Flag.FlagStatus.ENTEREDINERROR));
    }

    @Test
    void includesJoinedWithACommaAsSomeClientsSendThemAreEachApplied() {
        Response response = httpAs("ed-clinician")
                .get("/fhir/Flag?patient:identifier=" + NHS + nhsNumber + "&_include=Flag:author,Flag:subject");

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("entry.resource.resourceType", String.class))
                .contains("Flag", "Organization", "Patient");
        assertThat(response.jsonPath().getInt("total")).isEqualTo(2);
    }

    @Test
    void careTeamViewAnswersTheNationalApiShapeOnePerPlan() {
        Response response = httpAs("ed-clinician").get("/fhir/CareTeam?patient:identifier=" + NHS + nhsNumber);

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getList("entry.resource.id"))
                .containsExactlyInAnyOrder(
                        cpp.getIdElement().getIdPart(), lac.getIdElement().getIdPart());
        String medway = "entry.resource.find { it.id == '" + cpp.getIdElement().getIdPart() + "' }";
        assertThat(body.getString(medway + ".category[0].coding[0].code")).isEqualTo(CPP);
        assertThat(body.getString(medway + ".category[0].coding[0].system")).isEqualTo(CodeSystems.SNOMED);
        assertThat(body.getString(medway + ".name")).isEqualTo("Medway Council");
        assertThat(body.getString(medway + ".period.start")).isEqualTo("2025-01-15");
        assertThat(body.getString(medway + ".subject.identifier.value")).isEqualTo(nhsNumber);
        assertThat(body.getList(medway + ".telecom.use")).containsExactlyInAnyOrder("work", "mobile");
        assertThat(body.getString(medway + ".status")).isEqualTo("active");
    }

    @Test
    void cpisLookupGivesEverythingAClinicalScreenNeedsInOneCall() {
        httpAs("ed-clinician")
                .get("/fhir/Flag?patient:identifier=" + NHS + nhsNumber)
                .then()
                .statusCode(200);

        Response response = httpAs("ed-clinician").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + nhsNumber);

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isEqualTo("collection");
        List<String> types = body.getList("entry.resource.resourceType");
        assertThat(types).contains("Patient", "Flag", "Organization", "AuditEvent", "OperationOutcome");
        assertThat(body.getList("entry.findAll { it.resource.resourceType == 'Flag' }.resource.id"))
                .containsExactlyInAnyOrder(
                        cpp.getIdElement().getIdPart(), lac.getIdElement().getIdPart());
        assertThat(body.getList("entry.findAll { it.resource.resourceType == 'Organization' }.resource.name"))
                .containsExactlyInAnyOrder("Medway Council", "Reading Borough Council");
    }

    @Test
    void cpisLookupForANumberWithoutPlansSaysSoAndIsStillRecorded() {
        Response response =
                httpAs("ed-clinician").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + NhsNumbers.next());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("entry.resource.resourceType")).containsExactly("OperationOutcome");
        assertThat(response.body().asString()).contains("holds no current or recent plan");
    }

    @Test
    void theViewsFollowTheLookUpRules() {
        Response unsupported = httpAs("ed-clinician").get("/fhir/CareTeam?status=active");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body().asString()).contains("OperationOutcome", "[status]");
        for (String fishing : List.of(
                "/fhir/CareTeam",
                "/fhir/Patient/$cpis-lookup",
                "/fhir/Patient/$cpis-lookup?identifier=" + NHS + nhsNumber + "," + NhsNumbers.next())) {
            assertThat(httpAs("ed-clinician").get(fishing).statusCode())
                    .as(fishing)
                    .isEqualTo(403);
        }
        assertThat(httpAs("outsider")
                        .get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + nhsNumber)
                        .statusCode())
                .isEqualTo(403);
        assertThat(httpAs("board-admin")
                        .get("/fhir/CareTeam?patient:identifier=" + NHS + nhsNumber)
                        .statusCode())
                .isEqualTo(403);
        assertThat(httpAs("la-medway")
                        .get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + nhsNumber)
                        .statusCode())
                .isEqualTo(403);
    }
}
