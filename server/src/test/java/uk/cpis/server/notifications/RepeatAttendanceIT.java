package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestClock;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * One child looked up from three different care settings within 30 days: the clinician is warned (in
 * the Flag and CareTeam searches and in $cpis-lookup) and the council's notification is an alert.
 * The same setting counts once, silent reads not at all, and accesses older than the window not at
 * all (the server's clock is moved to show it). Settings here: emergency departments at RPA
 * (ed-clinician, ed-RPA), RHW (ed-RHW) and RN7 (ed-RN7, which joins the sharing agreement).
 */
class RepeatAttendanceIT extends PostgresServerTest {

    static final String TAG = CodeSystems.NOTIFICATION_TAG + "|" + Codes.REPEAT_ATTENDANCE;

    @Autowired
    TestClock clock;

    CouncilListener listener;
    String subscription;

    @BeforeEach
    void aThirdTrustInTheAgreementAndAnAlertListener() {
        joinSharingAgreement(new Reference(fhirClientAs("board-admin")
                .create()
                .resource(CpisResources.nhsTrust("RN7", "Dartford and Gravesham NHS Trust"))
                .conditional()
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, "RN7"))
                .execute()
                .getId()
                .toUnqualifiedVersionless()));
        listener = CouncilListener.start();
        subscription = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body(NotificationsIT.subscription(
                        "la-medway", "AuditEvent?responsible-la=00LC&_tag=" + TAG, listener.endpoint()))
                .post("/fhir/Subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @AfterEach
    void stopListeningAndResetTheClock() {
        clock.reset();
        httpAs("la-medway").delete("/fhir/Subscription/" + subscription);
        listener.close();
    }

    @Test
    void threeCareSettingsWithin30DaysWarnTheClinicianAndAlertTheCouncil() {
        String nhsNumber = flaggedChild();

        assertThat(warnings(flagSearch("ed-clinician", nhsNumber))).isEmpty();
        assertThat(warnings(flagSearch("ed-RHW", nhsNumber)))
                .as("two settings are no pattern")
                .isEmpty();
        Bundle third = flagSearch("ed-RN7", nhsNumber);

        assertThat(warnings(third)).singleElement().satisfies(warning -> {
            assertThat(warning.getDetails().getCodingFirstRep().getCode()).isEqualTo(Codes.REPEAT_ATTENDANCE);
            assertThat(warning.getDiagnostics()).contains("3 different care settings");
        });
        assertThat(third.getEntry())
                .filteredOn(entry -> entry.getResource() instanceof OperationOutcome)
                .singleElement()
                .satisfies(entry -> assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME));
        assertThat(third.getEntry())
                .as("the plans are still there")
                .anySatisfy(entry -> assertThat(entry.getResource().fhirType()).isEqualTo("Flag"));
        assertThat(warnings(bundle(
                        httpAs("ed-RN7").get("/fhir/CareTeam?patient:identifier=" + NotificationsIT.NHS + nhsNumber))))
                .hasSize(1);
        assertThat(warnings(bundle(httpAs("ed-clinician")
                        .get("/fhir/Patient/$cpis-lookup?identifier=" + NotificationsIT.NHS + nhsNumber))))
                .as("in the one-call look-up's OperationOutcome")
                .hasSize(1);

        List<CouncilListener.Received> alerts =
                listener.await(CouncilListener.about(nhsNumber), 3, NotificationsIT.ARRIVAL);
        assertThat(alerts)
                .allSatisfy(alert -> assertThat(alert.auditEvent().getMeta().getTag())
                        .anySatisfy(tag -> assertThat(tag.getCode()).isEqualTo(Codes.REPEAT_ATTENDANCE)));
        List<AuditEvent> accesses = accessesTo(nhsNumber);
        assertThat(accesses).hasSize(5);
        assertThat(accesses.subList(0, 2))
                .as("the first two are ordinary accesses")
                .allSatisfy(access -> assertThat(tagged(access)).isFalse());
        assertThat(accesses.subList(2, 5))
                .as("from the third setting on, alerts")
                .allSatisfy(access -> assertThat(tagged(access)).isTrue());
        assertThat(alerts)
                .extracting(alert -> alert.auditEvent().getIdElement().getIdPart())
                .containsExactlyInAnyOrderElementsOf(accesses.subList(2, 5).stream()
                        .map(access -> access.getIdElement().getIdPart())
                        .toList());
        assertThat(httpAs("la-medway")
                        .get("/fhir/AuditEvent?responsible-la=00LC&_tag=" + TAG.replace("|", "%7C")
                                + "&patient.identifier=" + NotificationsIT.NHS + nhsNumber)
                        .jsonPath()
                        .getList("entry.resource.id"))
                .as("pulled by tag")
                .hasSize(3);
    }

    @Test
    void theSameSettingTwiceCountsOnceAndSilentReadsNotAtAll() {
        String nhsNumber = flaggedChild();

        flagSearch("ed-clinician", nhsNumber);
        flagSearch("ed-RPA", nhsNumber);
        flagSearch("ed-clinician", nhsNumber);
        httpAs("gp")
                .header("IsUnscheduledAccessEvent", "false")
                .get(NotificationsIT.lookUp(nhsNumber))
                .then()
                .statusCode(200);
        Bundle fifth = flagSearch("ed-RHW", nhsNumber);

        assertThat(warnings(fifth))
                .as("RPA and RHW emergency departments: two settings")
                .isEmpty();
        assertThat(accessesTo(nhsNumber))
                .as("four unscheduled accesses, none an alert")
                .hasSize(4)
                .noneSatisfy(access -> assertThat(tagged(access)).isTrue());
    }

    @Test
    void onlyAccessesWithinTheWindowCount() {
        String longAgo = flaggedChild();
        clock.shift(Duration.ofDays(-31));
        flagSearch("ed-clinician", longAgo);
        flagSearch("ed-RHW", longAgo);
        clock.reset();
        assertThat(warnings(flagSearch("ed-RN7", longAgo)))
                .as("two of the three were 31 days ago")
                .isEmpty();

        String recently = flaggedChild();
        clock.shift(Duration.ofDays(-29));
        flagSearch("ed-clinician", recently);
        flagSearch("ed-RHW", recently);
        clock.reset();
        assertThat(warnings(flagSearch("ed-RN7", recently)))
                .as("29 days ago is within the window")
                .hasSize(1);

        listener.await(CouncilListener.about(recently), 1, NotificationsIT.ARRIVAL);
        assertThat(listener.received(CouncilListener.about(longAgo))).isEmpty();
        assertThat(accessesTo(longAgo))
                .noneSatisfy(access -> assertThat(tagged(access)).isTrue());
    }

    private String flaggedChild() {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        return nhsNumber;
    }

    private Bundle flagSearch(String persona, String nhsNumber) {
        return bundle(httpAs(persona).get(NotificationsIT.lookUp(nhsNumber)));
    }

    private static Bundle bundle(io.restassured.response.Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body().asString());
    }

    /** The warning issues of the OperationOutcomes in an answer. */
    private static List<OperationOutcome.OperationOutcomeIssueComponent> warnings(Bundle answer) {
        List<OperationOutcome.OperationOutcomeIssueComponent> warnings = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
            if (entry.getResource() instanceof OperationOutcome outcome) {
                outcome.getIssue().stream()
                        .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING)
                        .forEach(warnings::add);
            }
        }
        return warnings;
    }

    private List<AuditEvent> accessesTo(String nhsNumber) {
        return storedAccessRecordsNaming(nhsNumber, Duration.ofDays(40)).stream()
                .filter(access -> AccessRecord.of(access).isUnscheduledAccess())
                .toList();
    }

    private static boolean tagged(AuditEvent access) {
        return access.getMeta().getTag().stream().anyMatch(tag -> Codes.REPEAT_ATTENDANCE.equals(tag.getCode()));
    }
}
