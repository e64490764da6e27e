package uk.cpis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * Every look-up is recorded before it is answered, exactly once, with who, where and when; silent
 * reads stay out of the access history; an unrecordable look-up is not answered; writes and refused
 * requests are recorded; and nobody can change a record. The records are read back from the
 * database the server wrote them to.
 */
class AccessAuditIT extends PostgresServerTest {

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";

    @Autowired
    FhirValidator cpisProfileValidator;

    @Autowired
    AccessLog accessLog;

    String nhsNumber;
    Flag plan;

    @BeforeEach
    void aChildWithAPlan() {
        nhsNumber = NhsNumbers.next();
        plan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
    }

    @Test
    void oneLookUpWritesExactlyOneAccessRecordWithWhoWhereAndWhen() {
        Date before = new Date(System.currentTimeMillis() - 1000);

        Response response = httpAs("ed-clinician").get(lookUp(nhsNumber));

        assertThat(response.statusCode()).isEqualTo(200);
        List<AuditEvent> records = accessRecordsSince(before, nhsNumber);
        assertThat(records).hasSize(1);
        AuditEvent record = records.get(0);
        assertThat(record.getMeta().getProfile().get(0).getValue()).endsWith("cpis-access-auditevent");
        assertThat(extension(record, "cpis-access-type")).isEqualTo("unscheduled");
        assertThat(extension(record, "cpis-care-setting")).isEqualTo("emergency-department");
        assertThat(record.getAgent()).anySatisfy(agent -> {
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("555021935107");
            assertThat(agent.getWho().getDisplay()).isEqualTo("Dr Sam Jones");
            assertThat(agent.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("R8000");
        });
        assertThat(record.getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("RPA"));
        assertThat(record.getRecorded()).isAfter(before).isBeforeOrEqualTo(new Date());
        assertThat(record.getEntity())
                .anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                        .isEqualTo(plan.getIdElement().getValue()));
        assertThat(record.getEntity()).anySatisfy(entity -> {
            assertThat(entity.getRole().getCode()).isEqualTo("responsible-local-authority");
            assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("00LC");
        });
        var validation = cpisProfileValidator.validateWithResult(
                record, new ValidationOptions().addProfile(Profiles.ACCESS_AUDITEVENT));
        assertThat(validation.getMessages())
                .filteredOn(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .isEmpty();
    }

    @Test
    void aLookUpThatFindsNoPlanIsRecordedToo() {
        Date before = new Date(System.currentTimeMillis() - 1000);
        String unknown = NhsNumbers.next();

        httpAs("ed-clinician").get(lookUp(unknown)).then().statusCode(200);
        httpAs("ed-clinician")
                .get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + unknown)
                .then()
                .statusCode(200);

        // nothing was shown, so nothing can search for the records: they are kept in the access log
        assertThat(accessRecordsSince(before, unknown)).isEmpty();
        List<AuditEvent> records = accessLog.lookUpsOf(unknown, before);
        assertThat(records).hasSize(2);
        for (AuditEvent record : records) {
            assertThat(record.getIdElement().getIdPart()).isNotBlank();
            assertThat(record.getMeta().getProfile().get(0).getValue()).endsWith("cpis-access-auditevent");
            assertThat(extension(record, "cpis-access-type")).isEqualTo("unscheduled");
            assertThat(record.getAgent())
                    .anySatisfy(
                            agent -> assertThat(agent.getWho().getIdentifier().getValue())
                                    .isEqualTo("RPA"));
            // the child asked for, and the request's trace id (no role: not about anyone)
            assertThat(AuditRecords.traceIdOf(record)).isPresent();
            assertThat(record.getEntity())
                    .filteredOn(entity -> entity.hasRole())
                    .singleElement()
                    .satisfies(child -> {
                        assertThat(child.getWhat().getIdentifier().getValue()).isEqualTo(unknown);
                        assertThat(child.getWhat().hasReference()).isFalse();
                    });
            var validation = cpisProfileValidator.validateWithResult(
                    record, new ValidationOptions().addProfile(Profiles.ACCESS_AUDITEVENT));
            assertThat(validation.getMessages())
                    .filteredOn(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .isEmpty();
        }
        assertThat(records)
                .extracting(record -> record.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder("operation", "search-type");
    }

    @Test
    void aSilentReadIsRecordedButNotShownInTheAccessHistory() {
        Date before = new Date(System.currentTimeMillis() - 1000);
        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get(lookUp(nhsNumber))
                .then()
                .statusCode(200);
        httpAs("ed-clinician")
                .header("IsUnscheduledAccessEvent", "false")
                .get(lookUp(nhsNumber))
                .then()
                .statusCode(200);

        List<AuditEvent> records = accessRecordsSince(before, nhsNumber);
        assertThat(records)
                .extracting(record -> extension(record, "cpis-access-type"))
                .as("the ED clinician (B0107) cannot make a look-up silent")
                .containsExactlyInAnyOrder("scheduled", "unscheduled");

        Response history = httpAs("ed-clinician").get("/fhir/AuditEvent?patient:identifier=" + NHS + nhsNumber);
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> shown = history.jsonPath().getList("entry.resource.id");
        String silent = records.stream()
                .filter(record -> extension(record, "cpis-access-type").equals("scheduled"))
                .findFirst()
                .orElseThrow()
                .getIdElement()
                .getIdPart();
        assertThat(shown).isNotEmpty().doesNotContain(silent);
        assertThat(httpAs("la-medway")
                        .get("/fhir/AuditEvent?patient.identifier=" + NHS + nhsNumber)
                        .jsonPath()
                        .getList("entry.resource.id"))
                .as("the council sees the unscheduled accesses to its plan")
                .isNotEmpty()
                .doesNotContain(silent);
        assertThat(httpAs("la-reading")
                        .get("/fhir/AuditEvent?patient.identifier=" + NHS + nhsNumber)
                        .jsonPath()
                        .getInt("total"))
                .as("another council sees none of them")
                .isZero();
    }

    @Test
    void aLookUpWhoseRecordCannotBeStoredIsNotAnswered() throws Exception {
        try (Connection connection = TestPostgres.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE OR REPLACE FUNCTION cpis_test_refuse_audit() RETURNS trigger AS $$ BEGIN"
                    + " RAISE EXCEPTION 'audit storage unavailable (test)'; END $$ LANGUAGE plpgsql");
            sql.execute("CREATE TRIGGER cpis_test_refuse_audit BEFORE INSERT ON hfj_resource FOR EACH ROW"
                    + " WHEN (NEW.res_type = 'AuditEvent') EXECUTE FUNCTION cpis_test_refuse_audit()");
            try {
                Response response = httpAs("ed-clinician").get(lookUp(nhsNumber));

                String body = response.body().asString();
                assertThat(response.statusCode()).as(body).isEqualTo(503);
                assertThat(body)
                        .contains("OperationOutcome", "could not be recorded")
                        .doesNotContain(nhsNumber, "\"Flag\"", "Medway", "\"entry\"");
            } finally {
                sql.execute("DROP TRIGGER cpis_test_refuse_audit ON hfj_resource");
                sql.execute("DROP FUNCTION cpis_test_refuse_audit()");
            }
        }
        assertThat(httpAs("ed-clinician").get(lookUp(nhsNumber)).statusCode())
                .as("answered again once records can be stored")
                .isEqualTo(200);
    }

    @Test
    void accessRecordsCannotBeWrittenChangedOrDeletedByAnyone() {
        httpAs("ed-clinician").get(lookUp(nhsNumber)).then().statusCode(200);
        AuditEvent stored = accessRecordsSince(new Date(0), nhsNumber).get(0);
        String id = stored.getIdElement().getIdPart();
        String body = FHIR.newJsonParser().encodeResourceToString(stored.setOutcome(AuditEvent.AuditEventOutcome._8));
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + body
                + ",\"request\":{\"method\":\"PUT\",\"url\":\"AuditEvent/" + id + "\"}}]}";

        for (String persona : List.of("la-medway", "ed-clinician", "board-admin")) {
            assertThat(httpAs(persona)
                            .contentType("application/fhir+json")
                            .body(body)
                            .put("/fhir/AuditEvent/" + id)
                            .statusCode())
                    .as(persona + " PUT")
                    .isEqualTo(403);
            assertThat(httpAs(persona).delete("/fhir/AuditEvent/" + id).statusCode())
                    .as(persona + " DELETE")
                    .isEqualTo(403);
            assertThat(httpAs(persona)
                            .contentType("application/fhir+json")
                            .body(body)
                            .post("/fhir/AuditEvent")
                            .statusCode())
                    .as(persona + " POST")
                    .isEqualTo(403);
            assertThat(httpAs(persona)
                            .contentType("application/fhir+json")
                            .body(transaction)
                            .post("/fhir")
                            .statusCode())
                    .as(persona + " in a transaction")
                    .isEqualTo(403);
        }
        AuditEvent after = (AuditEvent)
                daoRegistry.getResourceDao("AuditEvent").read(stored.getIdElement(), new SystemRequestDetails());
        assertThat(after.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(after.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void planChangesAreRecordedWithoutTheirContent() {
        Date before = new Date(System.currentTimeMillis() - 1000);
        Flag ended = fhirClientAs("la-medway")
                .read()
                .resource(Flag.class)
                .withId(plan.getIdElement())
                .execute();
        ended.setStatus(Flag.FlagStatus.INACTIVE).getPeriod().setEnd(new Date());
        fhirClientAs("la-medway").update().resource(ended).execute();

        List<AuditEvent> records = securityRecordsSince(before).stream()
                .filter(record -> record.getAction() == AuditEvent.AuditEventAction.U)
                .filter(record -> record.getEntity().stream()
                        .anyMatch(entity -> entity.getWhat().getReference() != null
                                && entity.getWhat()
                                        .getReference()
                                        .startsWith(plan.getIdElement().getValue())))
                .toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getEntity())
                .anySatisfy(entity -> assertThat(entity.getDescription()).isEqualTo("plan ended"));
        assertThat(records.get(0).getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("00LC"));
        assertThat(FHIR.newJsonParser().encodeResourceToString(records.get(0)))
                .doesNotContain("child-protection", "period");
    }

    @Test
    void refusedRequestsAreRecordedWithTheRequestLine() {
        Date before = new Date(System.currentTimeMillis() - 1000);
        anonymous().get("/fhir/Flag?status=active&marker=anonymous").then().statusCode(401);
        httpAs("ed-clinician")
                .get("/fhir/Flag?status=active&marker=fishing")
                .then()
                .statusCode(403);

        List<String> refused = securityRecordsSince(before).stream()
                .filter(record -> record.getOutcome() == AuditEvent.AuditEventOutcome._4)
                .map(record -> record.getOutcomeDesc() + " "
                        + record.getEntity().stream()
                                .filter(AuditEvent.AuditEventEntityComponent::hasQuery)
                                .map(entity -> new String(entity.getQuery(), StandardCharsets.UTF_8))
                                .findFirst()
                                .orElse(""))
                .toList();
        assertThat(refused)
                .anySatisfy(line ->
                        assertThat(line).startsWith("401").contains("GET /fhir/Flag?status=active&marker=anonymous"));
        assertThat(refused)
                .anySatisfy(line -> assertThat(line).startsWith("403").contains("marker=fishing"));
    }

    private static String lookUp(String nhsNumber) {
        return "/fhir/Flag?patient:identifier=" + NHS + nhsNumber + "&_include=Flag:author";
    }

    private List<AuditEvent> accessRecordsSince(Date since, String nhsNumber) {
        return recordsSince(since).stream()
                .filter(record -> record.getMeta().hasProfile(Profiles.ACCESS_AUDITEVENT))
                .filter(record -> record.getEntity().stream()
                        .anyMatch(entity -> nhsNumber.equals(
                                entity.getWhat().getIdentifier().getValue())))
                .toList();
    }

    private List<AuditEvent> securityRecordsSince(Date since) {
        return recordsSince(since).stream()
                .filter(record -> record.getMeta().hasProfile(Profiles.SECURITY_AUDITEVENT))
                .toList();
    }

    private List<AuditEvent> recordsSince(Date since) {
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add("date", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, since));
        query.setSort(new SortSpec("date", SortOrderEnum.DESC));
        return daoRegistry
                .getResourceDao("AuditEvent")
                .search(query, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(AuditEvent.class::cast)
                .toList();
    }

    private static String extension(AuditEvent record, String name) {
        return record.getExtension().stream()
                .filter(extension -> extension.getUrl().endsWith("/" + name))
                .map(extension -> extension.getValue() instanceof org.hl7.fhir.r4.model.Coding coding
                        ? coding.getCode()
                        : extension.getValue().primitiveValue())
                .findFirst()
                .orElse(null);
    }
}
