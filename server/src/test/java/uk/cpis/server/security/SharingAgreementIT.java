package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * Only organisations that are current members of the CP-IS information sharing agreement see
 * patient data; joining and leaving take effect on the very next request.
 */
class SharingAgreementIT extends PostgresServerTest {

    static final String LOOK_UP = "/fhir/Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9990000115";

    @Test
    void outsiderIsRefusedUntilItsTrustJoinsAndRefusedAgainTheMomentItLeaves() {
        assertRefused(httpAs("outsider").get(LOOK_UP));
        assertThat(httpAs("ed-clinician").get(LOOK_UP).statusCode()).isEqualTo(200);

        var boardAdmin = fhirClientAs("board-admin");
        Reference trust = new Reference(boardAdmin
                .create()
                .resource(CpisResources.nhsTrust("RXX99", "Outside NHS Trust"))
                .conditional()
                .where(org.hl7.fhir.r4.model.Organization.IDENTIFIER
                        .exactly()
                        .systemAndCode(CpisResources.ODS, "RXX99"))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
        PractitionerRole seat = new PractitionerRole();
        seat.setOrganization(trust);
        seat.addCode().addCoding(new Coding("https://fhir.cpis.uk/CodeSystem/cpis-board-role", "signatory", null));
        Reference seatRef = new Reference(
                boardAdmin.create().resource(seat).execute().getId().toUnqualifiedVersionless());
        Group agreement = sharingAgreement();
        Group.GroupMemberComponent membership = agreement.addMember().setEntity(seatRef);
        membership.getPeriod().setStart(new Date(System.currentTimeMillis() - 60_000));
        boardAdmin.update().resource(agreement).execute();

        assertThat(httpAs("outsider").get(LOOK_UP).statusCode())
                .as("a member since a minute ago")
                .isEqualTo(200);
        assertThat(signatory("RXX99")).as("the register says so too").contains("\"valueBoolean\": true");

        Group joined = sharingAgreement();
        joined.getMember().stream()
                .filter(member -> member.getEntity()
                        .getReferenceElement()
                        .getIdPart()
                        .equals(seatRef.getReferenceElement().getIdPart()))
                .forEach(member -> member.getPeriod().setEnd(new Date(System.currentTimeMillis() - 1_000)));
        boardAdmin.update().resource(joined).execute();

        assertRefused(httpAs("outsider").get(LOOK_UP));
        assertRefused(httpAs("outsider")
                .get("/fhir/Patient/$cpis-lookup?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9990000115"));
        assertThat(signatory("RXX99")).as("no longer a signatory").contains("\"valueBoolean\": false");
    }

    private String signatory(String ods) {
        Response answer = httpAs("board-admin")
                .get("/fhir/Organization/$cpis-signatory?identifier=" + CpisResources.ODS + "%7C" + ods);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().asString();
    }

    @Test
    void boardAdministratorSeesNoPatientData() {
        assertThat(httpAs("board-admin").get(LOOK_UP).statusCode()).isEqualTo(403);
        assertThat(httpAs("board-admin").get("/fhir/Patient").statusCode()).isEqualTo(403);
    }

    private Group sharingAgreement() {
        Bundle found = fhirClientAs("board-admin")
                .search()
                .forResource(Group.class)
                .where(Group.CODE.exactly().systemAndCode(CodeSystems.BOARD_TYPE, "information-sharing-agreement"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).as("the sample sharing agreement").isNotEmpty();
        return (Group) found.getEntryFirstRep().getResource();
    }

    private static void assertRefused(Response response) {
        String body = response.body().asString();
        assertThat(response.statusCode()).as(body).isEqualTo(403);
        assertThat(body)
                .contains("not a current member of the CP-IS information sharing agreement")
                .doesNotContain("\"entry\"", "\"total\"");
    }
}
