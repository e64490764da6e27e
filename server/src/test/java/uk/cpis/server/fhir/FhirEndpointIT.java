package uk.cpis.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

@ExtendWith(OutputCaptureExtension.class)
class FhirEndpointIT extends PostgresServerTest {

    static final String NHS_NUMBER_SYSTEM = IdentifierSystems.NHS_NUMBER;

    @Autowired
    FhirServerProperties properties;

    @Test
    void capabilityStatementNamesCpisAndListsExactlyTheServedTypes() {
        CapabilityStatement statement =
                fhirClient().capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(statement.getName()).isEqualTo("CPISServer");
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        Set<String> served = statement.getRestFirstRep().getResource().stream()
                .map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .collect(Collectors.toSet());
        // only what some caller may use (the access policy), never HAPI's internal or conformance types
        assertThat(served).containsExactlyInAnyOrderElementsOf(uk.cpis.server.security.AccessPolicy.servedTypes());
        assertThat(properties.resourceTypes()).containsAll(served);
        assertThat(served).doesNotContain("Observation", "Provenance", "Task", "Binary", "StructureDefinition");
    }

    @Test
    void organisationRoundTripCreateReadSearchUpdateDeleteIsStoredInPostgres() throws Exception {
        IGenericClient boardAdmin = fhirClientAs("board-admin");
        String odsCode = "RT" + NhsNumbers.next().substring(6);
        Organization trust = CpisResources.nhsTrust(odsCode, "Roundtrip NHS Trust");

        MethodOutcome created = boardAdmin.create().resource(trust).execute();
        IIdType id = created.getId().toUnqualifiedVersionless();
        assertThat(created.getCreated()).isTrue();
        assertThat(resourceRowExists("Organization", id.getIdPart())).isTrue();

        Organization read =
                boardAdmin.read().resource(Organization.class).withId(id).execute();
        assertThat(read.getName()).isEqualTo("Roundtrip NHS Trust");

        Bundle found = boardAdmin
                .search()
                .forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, odsCode))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);

        read.setName("Roundtrip NHS Foundation Trust");
        MethodOutcome updated = boardAdmin.update().resource(read).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
        assertThat(boardAdmin
                        .read()
                        .resource(Organization.class)
                        .withId(id)
                        .execute()
                        .getName())
                .isEqualTo("Roundtrip NHS Foundation Trust");

        boardAdmin.delete().resourceById(id).execute();
        assertThatThrownBy(() -> boardAdmin
                        .read()
                        .resource(Organization.class)
                        .withId(id)
                        .execute())
                .isInstanceOf(ResourceGoneException.class);
    }

    @Test
    void patientCreateReadSearchUpdateByTheCouncil() {
        String nhsNumber = NhsNumbers.next();
        // a council sees the children it has plans for
        IIdType id = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CpisResources.CPP, plan -> {})
                .getSubject()
                .getReferenceElement();

        Patient read = fhirClient().read().resource(Patient.class).withId(id).execute();
        read.setGender(AdministrativeGender.MALE);
        fhirClient().update().resource(read).execute();

        Bundle found = fhirClient()
                .search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS_NUMBER_SYSTEM, nhsNumber))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        assertThat(((Patient) found.getEntryFirstRep().getResource()).getGender())
                .isEqualTo(AdministrativeGender.MALE);
    }

    @Test
    void transactionThatFailsHalfWayStoresNothing() throws Exception {
        String nhsNumber = NhsNumbers.next();
        Patient child = CpisResources.child(nhsNumber);
        Flag planForMissingChild = CpisResources.plan(
                CpisResources.CPP,
                "00LC",
                "HALFWAY-" + nhsNumber,
                new Reference("Patient/no-such-child"),
                new Reference("Organization/no-such-council"));

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction
                .addEntry()
                .setFullUrl("urn:uuid:6f1b3c7e-0000-4000-8000-000000000001")
                .setResource(child)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        transaction
                .addEntry()
                .setResource(planForMissingChild)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");

        assertThatThrownBy(
                        () -> fhirClient().transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(
                        BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isBetween(400, 499));

        Bundle found = fhirClient()
                .search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS_NUMBER_SYSTEM, nhsNumber))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).isEmpty();
        assertThat(tokenRowsFor(nhsNumber)).isZero();
    }

    @Test
    void bulkDestructiveAndGenericFeaturesAreOff() {
        String family = "Twin" + NhsNumbers.next();
        for (int i = 0; i < 2; i++) {
            Patient twin = CpisResources.child(NhsNumbers.next());
            twin.getNameFirstRep().setFamily(family);
            fhirClient().create().resource(twin).execute();
        }
        for (List<String> request : List.of(
                List.of("DELETE", "/fhir/Patient?family=" + family),
                List.of("POST", "/fhir/$expunge"),
                List.of("POST", "/fhir/Patient/$expunge"),
                List.of("GET", "/fhir/$graphql?query=%7BPatientList%7Bname%7Bfamily%7D%7D%7D"),
                List.of("POST", "/fhir/$import"),
                List.of("GET", "/fhir/$export"),
                List.of("POST", "/fhir/$upload-external-code-system"),
                List.of("POST", "/fhir/Subscription/$trigger-subscription"))) {
            var response = http().contentType("application/fhir+json")
                    .body(request.get(0).equals("POST") ? "{\"resourceType\":\"Parameters\"}" : "")
                    .request(request.get(0), request.get(1));
            assertThat(response.statusCode()).as(request.toString()).isBetween(400, 499);
            assertThat(response.body().asString()).as(request.toString()).contains("OperationOutcome");
        }
        assertThat(storedPatients(new ca.uhn.fhir.jpa.searchparam.SearchParameterMap()
                        .add("family", new ca.uhn.fhir.rest.param.StringParam(family).setExact(true))))
                .as("the refused multiple delete removed nothing")
                .isEqualTo(2);
    }

    @Test
    void deletingAReferencedResourceIsRefusedRatherThanCascaded() {
        IIdType childId = fhirClient()
                .create()
                .resource(CpisResources.child(NhsNumbers.next()))
                .execute()
                .getId()
                .toUnqualifiedVersionless();
        Reference medway = council(TestCouncil.MEDWAY);
        IIdType councilId = medway.getReferenceElement();
        fhirClient()
                .create()
                .resource(CpisResources.plan(
                        CpisResources.CPP, "00LC", "REF-" + NhsNumbers.next(), new Reference(childId), medway))
                .execute();

        var cascading = httpAs("board-admin").request("DELETE", "/fhir/" + councilId.getValue() + "?_cascade=delete");
        var response = httpAs("board-admin").request("DELETE", "/fhir/" + councilId.getValue());

        assertThat(cascading.statusCode())
                .as("no rule allows the _cascade parameter")
                .isEqualTo(403);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(fhirClient()
                        .read()
                        .resource(Organization.class)
                        .withId(councilId)
                        .execute())
                .isNotNull();
    }

    @Test
    void nhsNumbersNeverReachTheLog(CapturedOutput log) {
        String nhsNumber = NhsNumbers.next();
        fhirClient().create().resource(CpisResources.child(nhsNumber)).execute();
        String invalid = nhsNumber.substring(0, 9) + ((nhsNumber.charAt(9) - '0' + 1) % 10);
        http().contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child(invalid)))
                .post("/fhir/Patient");
        fhirClient()
                .search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS_NUMBER_SYSTEM, nhsNumber))
                .returnBundle(Bundle.class)
                .execute();
        http().get("/fhir/Flag?subject:Patient.identifier=" + NHS_NUMBER_SYSTEM + "%7C" + nhsNumber);
        http().contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\",\"id\":\"" + nhsNumber + "\"")
                .post("/fhir/Patient");

        assertThat(log.getAll())
                .contains("cpis.fhir.requests")
                .doesNotContain(nhsNumber)
                .doesNotContain(invalid);
    }

    @Test
    void corsIsNotOpenToAnyOrigin() {
        var response = http().header("Origin", "https://attacker.example")
                .header("Access-Control-Request-Method", "GET")
                .request("OPTIONS", "/fhir/Patient");

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    private static boolean resourceRowExists(String type, String id) throws Exception {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "select count(*) from hfj_resource where res_type = ? and fhir_id = ?")) {
            statement.setString(1, type);
            statement.setString(2, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private static int tokenRowsFor(String value) throws Exception {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement statement =
                        connection.prepareStatement("select count(*) from hfj_spidx_token where sp_value = ?")) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
