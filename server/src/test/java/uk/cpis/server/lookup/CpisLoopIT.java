package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;
import static uk.cpis.server.testsupport.CpisResources.UCPP;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.plans.PlanPurge;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestClock;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * The CP-IS loop as the IG tells vendors to drive it: two councils (Medway 00LC, Reading 00MC) upload
 * plans, two emergency departments (Medway NHS FT RPA, Royal Berkshire RHW) look children up, a GP
 * looks silently, and the plans are ended, corrected and purged. Every change shows in the very next
 * look-up: nothing here waits.
 */
class CpisLoopIT extends PostgresServerTest {

    private static final TestCouncil ROTHERHAM =
            new TestCouncil("la-00CF", "00CF", "Rotherham Metropolitan Borough Council");

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";

    @Autowired
    TestClock clock;

    @Autowired
    PlanPurge planPurge;

    @Autowired
    javax.sql.DataSource dataSource;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void aPlanIsSeenByTwoHospitalsWhoseLooksTheCouncilAndTheNextClinicianSeeButAGpLeavesNoTrace() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, p -> {});

        Bundle first = lookUp("ed-clinician", nhsNumber);
        assertThat(plans(first))
                .extracting(flag -> flag.getIdElement().getIdPart())
                .containsExactly(plan.getIdElement().getIdPart());
        Organization medway = resources(first, Organization.class).get(0);
        assertThat(medway.getName()).isEqualTo("Medway Council");
        assertThat(medway.getTelecom())
                .extracting(phone -> phone.getUse().toCode())
                .containsExactlyInAnyOrder("work", "mobile");
        assertThat(accessingOrganisations(history("ed-clinician", nhsNumber))).containsExactly("RPA");

        lookUp("ed-RHW", nhsNumber);
        assertThat(accessingOrganisations(history("ed-RHW", nhsNumber)))
                .as("newest first")
                .containsExactly("RHW", "RPA");

        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get(flagSearch(nhsNumber))
                .then()
                .statusCode(200);
        assertThat(accessingOrganisations(history("ed-clinician", nhsNumber)))
                .as("the GP's silent look leaves no trace")
                .containsExactly("RHW", "RPA");

        assertThat(accessingOrganisations(history("la-medway", nhsNumber)))
                .as("the owning council sees the accesses")
                .containsExactly("RHW", "RPA");
        assertThat(accessingOrganisations(history("la-reading", nhsNumber)))
                .as("another council sees nothing")
                .isEmpty();
    }

    @Test
    // Rotherham's: the look-ups a year ahead are access records dated a year ahead, which would sit in
    // the notifications other tests pull for Medway and Reading
    void anEndedPlanShowsForTwelveMonthsAndAMistakeDisappearsAtOnce() {
        String nhsNumber = NhsNumbers.next();
        Flag plan = uploadPlan(ROTHERHAM, nhsNumber, CPP, p -> {});
        Flag mistake =
                uploadPlan(ROTHERHAM, nhsNumber, LAC, p -> p.addExtension(CpisResources.lookedAfterLegalStatus("s20")));
        assertThat(plans(lookUp("ed-clinician", nhsNumber))).hasSize(2);

        mistake.setStatus(Flag.FlagStatus.ENTEREDINERROR);
        fhirClientAs("la-00CF").update().resource(mistake).execute();
        assertThat(plans(lookUp("ed-clinician", nhsNumber)))
                .extracting(Flag::getStatus)
                .as("entered in error: gone from the very next look-up")
                .containsExactly(Flag.FlagStatus.ACTIVE);

        plan.setStatus(Flag.FlagStatus.INACTIVE);
        plan.getPeriod()
                .setEndElement(new DateTimeType(
                        LocalDate.now(ZoneId.of("Europe/London")).toString()));
        fhirClientAs("la-00CF").update().resource(plan).execute();
        assertThat(plans(lookUp("ed-clinician", nhsNumber)))
                .extracting(Flag::getStatus)
                .as("an ended plan still shows, marked ended")
                .containsExactly(Flag.FlagStatus.INACTIVE);

        clock.moveForward(Duration.ofDays(360));
        assertThat(plans(lookUp("ed-clinician", nhsNumber)))
                .as("eleven and a half months later")
                .hasSize(1);
        assertThat(httpAs("ed-clinician")
                        .get("/fhir/CareTeam?patient:identifier=" + NHS + nhsNumber)
                        .jsonPath()
                        .getList("entry"))
                .hasSize(1);

        clock.moveForward(Duration.ofDays(10));
        assertThat(plans(lookUp("ed-clinician", nhsNumber)))
                .as("more than 12 months after it ended")
                .isEmpty();
        assertThat(httpAs("ed-clinician")
                        .get("/fhir/CareTeam?patient:identifier=" + NHS + nhsNumber)
                        .jsonPath()
                        .getList("entry"))
                .isNullOrEmpty();
        assertThat(resources(searchAs("la-00CF", "/fhir/Flag?patient.identifier=" + NHS + nhsNumber), Flag.class))
                .as("the council still has both of its records")
                .hasSize(2);
    }

    @Test
    void aPlanIsPurgedOnItsDeleteDateWithItsHistoryAndThePurgeIsRecorded() {
        String nhsNumber = NhsNumbers.next();
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        Flag kept = uploadPlan(
                TestCouncil.MEDWAY,
                nhsNumber,
                CPP,
                p -> p.addExtension(deleteDate(
                        LocalDate.now(ZoneId.of("Europe/London")).plusDays(30).toString())));
        Flag plan = uploadPlan(TestCouncil.READING, nhsNumber, CPP, p -> {});
        lookUp("ed-clinician", nhsNumber);
        plan.addExtension(deleteDate(today));
        fhirClientAs("la-reading").update().resource(plan).execute();
        long purgesBefore = purgeRecords();

        assertThat(planPurge.purgeDuePlans()).isGreaterThanOrEqualTo(1);

        assertThat(plans(lookUp("ed-clinician", nhsNumber)))
                .extracting(flag -> flag.getIdElement().getIdPart())
                .as("gone from the look-up; the other council's plan stays")
                .containsExactly(kept.getIdElement().getIdPart());
        assertThat(resources(
                        searchAs(
                                "la-reading",
                                "/fhir/Flag?identifier="
                                        + plan.getIdentifierFirstRep().getSystem() + "%7C"
                                        + plan.getIdentifierFirstRep().getValue()),
                        Flag.class))
                .as("gone for its council too")
                .isEmpty();
        IdType planId = new IdType("Flag", plan.getIdElement().getIdPart());
        assertThatThrownBy(() -> daoRegistry
                        .getResourceDao(Flag.class)
                        .read(planId.withVersion("1"), new SystemRequestDetails()))
                .as("its earlier versions are expunged, not just hidden")
                .isInstanceOfAny(ResourceNotFoundException.class, ResourceGoneException.class);
        assertThat(purgeRecords()).isEqualTo(purgesBefore + 1);
        Response read =
                httpAs("la-reading").get("/fhir/Flag/" + plan.getIdElement().getIdPart());
        assertThat(read.statusCode())
                .as("a purged plan reads like one that never existed")
                .isEqualTo(404);
        assertThat(read.body().asString()).contains("is not known").doesNotContainIgnoringCase("deleted");

        clock.moveForward(Duration.ofDays(31));
        planPurge.purgeDuePlans();
        assertThat(storedPatientsWith(nhsNumber))
                .as("a child left without plans is purged too")
                .isZero();
        assertThat(plans(lookUp("ed-clinician", nhsNumber))).isEmpty();
        assertThat(accessingOrganisations(history("ed-clinician", nhsNumber)))
                .as("and has no history to show")
                .isEmpty();
    }

    @Test
    void anUnbornChildsPlanLivesOnTheMotherUntilTheBabyHasItsOwnPlan() {
        String mother = NhsNumbers.next();
        Patient expectantMother = CpisResources.child(mother);
        expectantMother.setBirthDateElement(new DateType("1994-06-01"));
        expectantMother.getName().clear();
        expectantMother.addName().setFamily("Example").addGiven("Mother");
        fhirClientAs("la-reading").create().resource(expectantMother).execute();
        Flag prebirth = uploadPlan(TestCouncil.READING, mother, UCPP, p -> {});
        Patient motherRecord = fhirClientAs("la-reading")
                .read()
                .resource(Patient.class)
                .withId(prebirth.getSubject().getReferenceElement())
                .execute();
        assertThat(motherRecord.getBirthDateElement().getValueAsString()).isEqualTo("1994-06-01");
        assertThat(plans(lookUp("ed-RHW", mother)))
                .extracting(flag -> flag.getCode().getCodingFirstRep().getCode())
                .containsExactly(UCPP);

        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        prebirth.setStatus(Flag.FlagStatus.INACTIVE);
        prebirth.getPeriod().setEndElement(new DateTimeType(today));
        fhirClientAs("la-reading").update().resource(prebirth).execute();
        String baby = NhsNumbers.next();
        uploadPlan(TestCouncil.READING, baby, CPP, p -> p.getPeriod().setStartElement(new DateTimeType(today)));

        assertThat(plans(lookUp("ed-RHW", mother)))
                .extracting(Flag::getStatus)
                .containsExactly(Flag.FlagStatus.INACTIVE);
        assertThat(plans(lookUp("ed-RHW", baby)))
                .extracting(flag -> flag.getCode().getCodingFirstRep().getCode())
                .containsExactly(CPP);
    }

    @Test
    void aLookUpIsAnsweredDirectlyWithoutLeavingAStoredSearchBehind() throws Exception {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, p -> {});
        long before = storedSearches();

        lookUp("ed-clinician", nhsNumber);
        history("ed-clinician", nhsNumber);

        assertThat(storedSearches()).isEqualTo(before);
    }

    @Test
    void anUnknownNhsNumberIsAnEmptyAnswerNotAnError() {
        Bundle answer = lookUp("ed-clinician", NhsNumbers.next());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(plans(answer)).isEmpty();
    }

    private Bundle lookUp(String clinician, String nhsNumber) {
        return searchAs(clinician, flagSearch(nhsNumber));
    }

    private static String flagSearch(String nhsNumber) {
        return "/fhir/Flag?patient:identifier=" + NHS + nhsNumber + "&_include=Flag:author";
    }

    private Bundle history(String persona, String nhsNumber) {
        return searchAs(persona, "/fhir/AuditEvent?patient:identifier=" + NHS + nhsNumber);
    }

    private Bundle searchAs(String persona, String url) {
        Response response = httpAs(persona).get(url);
        assertThat(response.statusCode())
                .as(url + " " + response.body().asString())
                .isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body().asString());
    }

    private static List<Flag> plans(Bundle answer) {
        return resources(answer, Flag.class);
    }

    private static <T> List<T> resources(Bundle answer, Class<T> type) {
        return answer.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The ODS codes of the organisations that looked, in the order the history lists them. */
    private static List<String> accessingOrganisations(Bundle history) {
        return resources(history, AuditEvent.class).stream()
                .map(access -> access.getAgent().stream()
                        .filter(agent ->
                                agent.getType().getCodingFirstRep().getCode().equals("PROV"))
                        .map(agent -> agent.getWho().getIdentifier().getValue())
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null))
                .toList();
    }

    private static org.hl7.fhir.r4.model.Extension deleteDate(String date) {
        return new org.hl7.fhir.r4.model.Extension(
                "https://fhir.cpis.uk/StructureDefinition/cpis-delete-date", new DateType(date));
    }

    private long storedSearches() throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var rows = connection.createStatement().executeQuery("select count(*) from hfj_search")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long purgeRecords() {
        SearchParameterMap all = SearchParameterMap.newSynchronous()
                .add(
                        "date",
                        new DateParam(
                                ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                                LocalDate.now().minusDays(1).toString()));
        return daoRegistry
                .getResourceDao(AuditEvent.class)
                .search(all, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(AuditEvent.class::cast)
                .filter(record -> "purged on the delete date set by the council".equals(record.getOutcomeDesc()))
                .count();
    }
}
