package uk.cpis.server.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Profiles;

/**
 * Base for integration tests: the whole CP-IS server on a random port, on the test PostgreSQL,
 * reached over HTTP only. All subclasses share one running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false) // keep the Prometheus endpoint, as in production
@Import(TestClock.Config.class)
public abstract class PostgresServerTest {

    /** The persona requests are made as unless a test says otherwise. */
    protected static final String DEFAULT_PERSONA = "la-medway";

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    protected int port;

    /** For checking what is stored, beneath the access rules (which hide records from callers). */
    @Autowired
    protected DaoRegistry daoRegistry;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::url);
        registry.add("spring.datasource.username", TestPostgres::user);
        registry.add("spring.datasource.password", TestPostgres::password);
        registry.add("cpis.fhir.max-request-size", () -> "1MB");
        // A known demo signing key, so tests can also sign tokens the server must refuse.
        registry.add("cpis.security.demo.signing-key", () -> "classpath:demo-signing-key.pem");
    }

    protected String serverRoot() {
        return "http://localhost:" + port;
    }

    protected String baseUrl() {
        return serverRoot() + "/fhir";
    }

    /** A HAPI client sending the default persona's token. */
    protected IGenericClient fhirClient() {
        return fhirClientAs(DEFAULT_PERSONA);
    }

    protected IGenericClient fhirClientAs(String persona) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // the first writes after start-up can take longer than HAPI's default 10 s on a busy machine
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(DemoTokens.forPersona(serverRoot(), persona)));
        return client;
    }

    /** REST-assured with the default persona's token. */
    protected RequestSpecification http() {
        return httpAs(DEFAULT_PERSONA);
    }

    protected RequestSpecification httpAs(String persona) {
        return anonymous().header("Authorization", "Bearer " + DemoTokens.forPersona(serverRoot(), persona));
    }

    /**
     * The council with this ODS code, registered by the board administrator if it is not there yet.
     * Councils upload plans authored by themselves: Medway is 00LC (la-medway), Reading 00MC (la-reading).
     */
    protected Reference council(TestCouncil council) {
        return council(council.odsCode(), council.name());
    }

    protected Reference council(String odsCode, String name) {
        var outcome = fhirClientAs("board-admin")
                .create()
                .resource(CpisResources.localAuthority(odsCode, name))
                .conditional()
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, odsCode))
                .execute();
        return new Reference(outcome.getId().toUnqualifiedVersionless());
    }

    /**
     * A new child (or an existing one, by NHS number) with one active plan of the council, uploaded
     * by the council's own system; {@code change} may alter the plan before upload. Returns the plan
     * as stored, with its id.
     */
    protected Flag uploadPlan(
            TestCouncil council, String nhsNumber, String planType, java.util.function.Consumer<Flag> change) {
        Reference councilReference = council(council);
        IGenericClient councilSystem = fhirClientAs(council.persona());
        Reference child = new Reference(councilSystem
                .create()
                .resource(CpisResources.child(nhsNumber))
                .conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(CpisResources.NHS_NUMBER, nhsNumber))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
        Flag plan = CpisResources.plan(planType, council.odsCode(), "P-" + NhsNumbers.next(), child, councilReference);
        change.accept(plan);
        plan.setId(councilSystem.create().resource(plan).execute().getId().toUnqualifiedVersionless());
        return plan;
    }

    /** The access records stored within the last {@code within} that name this NHS number, oldest first. */
    protected List<AuditEvent> storedAccessRecordsNaming(String nhsNumber, Duration within) {
        SearchParameterMap query = SearchParameterMap.newSynchronous();
        query.add("_profile", new UriParam(Profiles.ACCESS_AUDITEVENT));
        query.add(
                "date",
                new DateParam(
                        ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                        Date.from(Instant.now().minus(within))));
        query.setSort(new SortSpec("date"));
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

    /** How many Patients are stored with this NHS number, whoever may see them. */
    protected int storedPatientsWith(String nhsNumber) {
        return storedPatients(
                new SearchParameterMap().add("identifier", new TokenParam(CpisResources.NHS_NUMBER, nhsNumber)));
    }

    protected int storedPatients(SearchParameterMap query) {
        return daoRegistry
                .getResourceDao("Patient")
                .searchForResourceIds(query.setLoadSynchronous(true), new SystemRequestDetails())
                .size();
    }

    /**
     * The organisation becomes a current member of the sample information sharing agreement (once), from a
     * minute ago, so that its callers see patient data.
     */
    protected void joinSharingAgreement(Reference organisation) {
        IGenericClient boardAdmin = fhirClientAs("board-admin");
        Bundle seats = boardAdmin
                .search()
                .forResource(PractitionerRole.class)
                .where(PractitionerRole.ORGANIZATION.hasId(organisation.getReference()))
                .returnBundle(Bundle.class)
                .execute();
        if (!seats.getEntry().isEmpty()) {
            return;
        }
        PractitionerRole seat = new PractitionerRole();
        seat.setOrganization(organisation);
        seat.addCode().addCoding(new Coding("https://fhir.cpis.uk/CodeSystem/cpis-board-role", "signatory", null));
        Reference seatReference = new Reference(
                boardAdmin.create().resource(seat).execute().getId().toUnqualifiedVersionless());
        Group agreement = (Group) boardAdmin
                .search()
                .forResource(Group.class)
                .where(Group.CODE.exactly().systemAndCode(CodeSystems.BOARD_TYPE, "information-sharing-agreement"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        agreement
                .addMember()
                .setEntity(seatReference)
                .getPeriod()
                .setStart(new Date(System.currentTimeMillis() - 60_000));
        boardAdmin.update().resource(agreement).execute();
    }

    /** REST-assured with no token at all. */
    protected RequestSpecification anonymous() {
        return RestAssured.given().baseUri(serverRoot()).urlEncodingEnabled(false);
    }
}
