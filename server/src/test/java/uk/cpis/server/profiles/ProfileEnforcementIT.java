package uk.cpis.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/** Each CP-IS profile's rules, enforced over HTTP whether or not the client declares the profile. */
class ProfileEnforcementIT extends PostgresServerTest {

    Reference child;
    Reference council;
    String councilOds;

    @BeforeEach
    void childAndCouncil() {
        councilOds = "00LC"; // the default persona, la-medway, uploads plans authored by Medway Council
        council = council(councilOds, "Medway Council");
        child = new Reference(fhirClient()
                .create()
                .resource(CpisResources.child(NhsNumbers.next()))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
    }

    @Test
    void conformingResourcesOfEveryProfileAreStored() {
        for (IBaseResource resource : List.of(
                CpisResources.child(NhsNumbers.next()),
                CpisResources.localAuthority("L" + NhsNumbers.next().substring(6), "Another Council"),
                CpisResources.nhsTrust("R" + NhsNumbers.next().substring(6), "A Trust"),
                plan(CPP),
                CpisResources.board("safeguarding-children-partnership", "Medway Safeguarding Children Partnership"))) {
            assertThat(clientFor(resource).create().resource(resource).execute().getCreated())
                    .as(resource.fhirType())
                    .isTrue();
        }
    }

    @Test
    void patientWithBadCheckDigitIsRejectedWithTheNationalReason() {
        String bad = NhsNumbers.next();
        bad = bad.substring(0, 9) + ((bad.charAt(9) - '0' + 1) % 10);

        OperationOutcome outcome = rejected(CpisResources.child(bad));

        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("nhs-number-invalid");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("not a valid NHS number");
    }

    @Test
    void patientWithoutVerificationStatusOrBirthDateIsRejectedNamingTheElement() {
        Patient unverified = CpisResources.child(NhsNumbers.next());
        unverified.getIdentifierFirstRep().getExtension().clear();
        assertThat(diagnostics(rejected(unverified))).contains("Extension-UKCore-NHSNumberVerificationStatus");

        Patient noBirthDate = CpisResources.child(NhsNumbers.next());
        noBirthDate.setBirthDate(null);
        assertThat(diagnostics(rejected(noBirthDate))).contains("birthDate");
    }

    @Test
    void planWithACodeOutsideTheCpisPlanTypesIsRejected() {
        Flag plan = plan(CPP);
        plan.getCode().getCodingFirstRep().setCode("123456789");

        assertThat(diagnostics(rejected(plan))).contains("Flag.code");
    }

    @Test
    void localAuthorityWithoutEmergencyDutyPhoneIsRejected() {
        Organization council =
                CpisResources.localAuthority("X" + NhsNumbers.next().substring(6), "No Night Line Council");
        council.getTelecom().remove(1);

        assertThat(diagnostics(rejected(council))).containsIgnoringCase("telecom");
    }

    @Test
    void boardOfUnknownTypeIsRejected() {
        assertThat(diagnostics(rejected(CpisResources.board("book-club", "Not a board"))))
                .contains("Group.code");
    }

    @Test
    void invalidEntryFailsTheWholeTransactionAndNothingIsStored() {
        String nhsNumber = NhsNumbers.next();
        Flag badPlan = plan(CPP);
        badPlan.getCode().getCodingFirstRep().setCode("123456789");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction
                .addEntry()
                .setResource(CpisResources.child(nhsNumber))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        transaction
                .addEntry()
                .setResource(badPlan)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");

        assertThatThrownBy(
                        () -> fhirClient().transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertThat(diagnostics((OperationOutcome) e.getOperationOutcome()))
                                .contains("Flag.code"));
        assertThat(patientsWith(nhsNumber)).isZero();
    }

    @Test
    void invalidEntryInABatchIsRejectedAloneAndTheOthersAreStored() {
        String goodNhs = NhsNumbers.next();
        Patient noBirthDate = CpisResources.child(NhsNumbers.next());
        noBirthDate.setBirthDate(null);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry()
                .setResource(CpisResources.child(goodNhs))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        batch.addEntry()
                .setResource(noBirthDate)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");

        Bundle response = fhirClient().transaction().withBundle(batch).execute();

        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("422");
        assertThat(diagnostics((OperationOutcome)
                        response.getEntry().get(1).getResponse().getOutcome()))
                .contains("birthDate");
        assertThat(patientsWith(goodNhs)).isOne();
    }

    @Test
    void cpisSearchParametersFromThePackageAreIndexed() {
        Flag lookedAfter = plan(LAC);
        lookedAfter.addExtension(CpisResources.lookedAfterLegalStatus("s20"));
        String id =
                fhirClient().create().resource(lookedAfter).execute().getId().getIdPart();

        Bundle found = fhirClient()
                .search()
                .byUrl("Flag?subject=" + child.getReference()
                        + "&code=http://snomed.info/sct%7C" + LAC + "&status=active"
                        + "&category=https://fhir.cpis.uk/CodeSystem/cpis-flag-category%7Cchild-protection")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(found.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);
    }

    @Test
    void validateOperationChecksAgainstTheCpisProfile() {
        Patient noBirthDate = CpisResources.child(NhsNumbers.next());
        noBirthDate.setBirthDate(null);

        var response = http().contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(noBirthDate))
                .post("/fhir/Patient/$validate?profile=" + Profiles.PATIENT);

        assertThat(response.body().asString())
                .contains("OperationOutcome", "Patient.birthDate: minimum required = 1", "cpis-patient");
    }

    @Test
    void validateWithoutAProfileChecksAgainstTheCpisProfileOfTheType() {
        Patient badCheckDigit = CpisResources.child("9434765918");
        badCheckDigit.getIdentifierFirstRep().getExtension().clear(); // no verification status either

        var response = http().contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(badCheckDigit))
                .post("/fhir/Patient/$validate");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("cpis-nhs-1", "\"severity\": \"error\"");
    }

    @Test
    void validateTakesTheStandardParametersBody() {
        Parameters valid = new Parameters();
        valid.addParameter().setName("resource").setResource(CpisResources.child(NhsNumbers.next()));
        valid.addParameter().setName("profile").setValue(new org.hl7.fhir.r4.model.UriType(Profiles.PATIENT));
        var passed = http().contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(valid))
                .post("/fhir/Patient/$validate");
        assertThat(passed.statusCode()).as(passed.body().asString()).isEqualTo(200);
        assertThat(passed.body().asString()).doesNotContain("\"severity\": \"error\"");

        Parameters invalid = new Parameters();
        invalid.addParameter().setName("resource").setResource(CpisResources.child("9434765918"));
        var refused = http().contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(invalid))
                .post("/fhir/Patient/$validate");
        assertThat(refused.body().asString()).contains("cpis-nhs-1", "\"severity\": \"error\"");
    }

    private Flag plan(String type) {
        return CpisResources.plan(type, councilOds, "P-" + NhsNumbers.next(), child, council);
    }

    /** Councils upload children and plans; the board administrator registers organisations and boards. */
    private IGenericClient clientFor(IBaseResource resource) {
        return switch (resource.fhirType()) {
            case "Organization", "Group" -> fhirClientAs("board-admin");
            default -> fhirClient();
        };
    }

    private OperationOutcome rejected(IBaseResource resource) {
        try {
            clientFor(resource).create().resource(resource).execute();
        } catch (UnprocessableEntityException e) {
            return (OperationOutcome) e.getOperationOutcome();
        }
        throw new AssertionError(resource.fhirType() + " was accepted but should have been rejected with 422");
    }

    private int patientsWith(String nhsNumber) {
        return storedPatientsWith(nhsNumber);
    }

    private static String diagnostics(OperationOutcome outcome) {
        StringBuilder all = new StringBuilder();
        outcome.getIssue()
                .forEach(issue -> all.append(issue.getDiagnostics())
                        .append(" @ ")
                        .append(issue.getExpression())
                        .append('\n'));
        return all.toString();
    }
}
