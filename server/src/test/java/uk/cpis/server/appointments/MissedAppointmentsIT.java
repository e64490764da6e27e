package uk.cpis.server.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * A health organisation in the sharing agreement records that a flagged child missed an appointment
 * (an R4 Appointment, status noshow, minimum data); the council that owns the plan is notified like
 * for an access. For a child without a current or recent plan the answer is the same 403 as for any
 * child the caller may not record for, so it tells nothing about plans.
 */
class MissedAppointmentsIT extends PostgresServerTest {

    static final String TAG_SYSTEM = CodeSystems.NOTIFICATION_TAG;

    @Autowired
    FhirValidator cpisProfileValidator;

    CouncilListener listener;
    String subscription;

    @BeforeEach
    void medwayListens() {
        listener = CouncilListener.start();
        subscription = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"Medway\",\"criteria\":"
                        + "\"AuditEvent?responsible-la=00LC\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\""
                        + listener.endpoint()
                        + "\",\"payload\":\"application/fhir+json\"}}")
                .post("/fhir/Subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @AfterEach
    void stopListening() {
        httpAs("la-medway").delete("/fhir/Subscription/" + subscription);
        listener.close();
    }

    @Test
    void aMissedAppointmentOfAFlaggedChildIsNotifiedToTheCouncil() {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        Response recorded = record("ed-clinician", missedAppointment(nhsNumber, "RPA", start, ""));

        assertThat(recorded.statusCode()).as(recorded.body().asString()).isEqualTo(201);
        CouncilListener.Received notification = listener.await(
                        CouncilListener.about(nhsNumber), 1, Duration.ofSeconds(20))
                .get(0);
        AuditEvent missed = notification.auditEvent();
        assertThat(missed.getMeta().getTag()).anySatisfy(tag -> {
            assertThat(tag.getSystem()).isEqualTo(TAG_SYSTEM);
            assertThat(tag.getCode()).isEqualTo("missed-appointment");
        });
        assertThat(missed.getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("RPA"));
        assertThat(missed.getEntity())
                .anySatisfy(entity ->
                        assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(nhsNumber));
        assertThat(missed.getEntity())
                .anySatisfy(entity ->
                        assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("00LC"));
        Appointment appointment = (Appointment) missed.getContained().get(0);
        assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.NOSHOW);
        assertThat(appointment.getStart().toInstant()).isEqualTo(start);
        assertThat(appointment.getServiceTypeFirstRep().getText()).isEqualTo("Paediatric outpatients");
        assertThat(notification.body())
                .as("nothing clinical")
                .doesNotContain(CPP, "reason", "comment", "description\":\"Follow");
        var validation = cpisProfileValidator.validateWithResult(
                missed, new ValidationOptions().addProfile(Profiles.MISSED_APPOINTMENT_AUDITEVENT));
        assertThat(validation.getMessages())
                .filteredOn(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .isEmpty();
        assertThat(httpAs("la-medway")
                        .get("/fhir/AuditEvent?responsible-la=00LC&_tag=" + TAG_SYSTEM + "%7Cmissed-appointment"
                                + "&patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhsNumber)
                        .jsonPath()
                        .getList("entry.resource.id"))
                .as("and pulled")
                .containsExactly(missed.getIdElement().getIdPart());
        assertThat(httpAs("la-reading")
                        .get(
                                "/fhir/AuditEvent?responsible-la=00MC&patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C"
                                        + nhsNumber)
                        .jsonPath()
                        .getInt("total"))
                .as("not another council's")
                .isZero();
    }

    @Test
    void refusedAlikeWhateverTheChildAndNeverTellingWhetherAPlanExists() {
        String unknown = NhsNumbers.next();
        String noPlan = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, noPlan, CPP, plan -> plan.setStatus(Flag.FlagStatus.ENTEREDINERROR));
        String oldPlan = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, oldPlan, CPP, plan -> {
            plan.setStatus(Flag.FlagStatus.INACTIVE);
            plan.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2020-01-10"));
            plan.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2023-06-30"));
        });
        String flagged = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, flagged, CPP, change -> {});
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);

        List<String> answers = new ArrayList<>();
        for (String nhsNumber : List.of(unknown, noPlan, oldPlan)) {
            answers.add(refusal(record("ed-clinician", missedAppointment(nhsNumber, "RPA", start, ""))));
        }
        answers.add(refusal(record("ed-clinician", missedAppointment(flagged, "RHW", start, ""))));
        answers.add(refusal(record("gp", missedAppointment(flagged, "RPA", start, ""))));

        assertThat(answers)
                .as("one answer for every child and every organisation the caller may not record for")
                .containsOnly(answers.get(0));
        assertThat(answers.get(0)).doesNotContain(unknown, noPlan, oldPlan, flagged);
        assertThat(listener.received(request -> List.of(unknown, noPlan, oldPlan, flagged).stream()
                        .anyMatch(n -> request.body().contains(n))))
                .isEmpty();
    }

    @Test
    void onlyTheMinimumDataOfAMissedAppointmentIsAccepted() {
        String flagged = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, flagged, CPP, change -> {});
        String unknown = NhsNumbers.next();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        for (String nhsNumber : List.of(flagged, unknown)) {
            for (String wrong : List.of(
                    missedAppointment(
                            nhsNumber, "RPA", start, ",\"reasonCode\":[{\"text\":\"Follow-up of a fracture\"}]"),
                    missedAppointment(nhsNumber, "RPA", start, ",\"comment\":\"Mother said the child was unwell\""),
                    missedAppointment(nhsNumber, "RPA", start, "").replace("\"noshow\"", "\"fulfilled\""),
                    missedAppointment(nhsNumber, "RPA", Instant.now().plus(2, ChronoUnit.DAYS), ""))) {
                Response refused = record("ed-clinician", wrong);
                assertThat(refused.statusCode())
                        .as("the same for a flagged and an unknown child: " + wrong)
                        .isEqualTo(422);
            }
        }
    }

    @Test
    void onlyHealthOrganisationsInTheAgreementRecordMissedAppointments() {
        String flagged = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, flagged, CPP, change -> {});
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        for (String persona : List.of("la-medway", "board-admin", "outsider")) {
            assertThat(record(persona, missedAppointment(flagged, "RPA", start, ""))
                            .statusCode())
                    .as(persona)
                    .isEqualTo(403);
        }
        assertThat(httpAs("ed-clinician").get("/fhir/Appointment").statusCode())
                .as("nobody reads them back")
                .isEqualTo(403);
    }

    private Response record(String persona, String appointment) {
        return httpAs(persona)
                .contentType("application/fhir+json")
                .body(appointment)
                .post("/fhir/Appointment");
    }

    private static String refusal(Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(403);
        OperationOutcome outcome = FHIR.newJsonParser()
                .parseResource(OperationOutcome.class, response.body().asString());
        return outcome.getIssueFirstRep().getDiagnostics();
    }

    static String missedAppointment(String nhsNumber, String odsCode, Instant start, String extra) {
        return "{\"resourceType\":\"Appointment\",\"status\":\"noshow\",\"serviceType\":[{\"text\":\"Paediatric outpatients\"}],"
                + "\"start\":\"" + start + "\",\"end\":\"" + start.plus(20, ChronoUnit.MINUTES) + "\",\"participant\":["
                + "{\"actor\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\""
                + nhsNumber + "\"}},\"status\":\"declined\"},"
                + "{\"actor\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\""
                + odsCode + "\"}},\"status\":\"accepted\"}]"
                + extra + "}";
    }
}
