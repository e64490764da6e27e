package uk.cpis.server.boards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The register's searches, as documented on the IG's boards page: the boards an organisation sits on,
 * the seats of a board with their organisations, the boards accountable to a board, and whether an
 * organisation is a current signatory of the sharing agreement.
 */
class BoardSearchesIT extends PostgresServerTest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BoardSearchesIT.class);
    static final String ACCOUNTABLE_TO = Extensions.BOARD_ACCOUNTABLE_TO;

    String trustOds;
    Reference trust;
    Reference police;
    IdType healthAndWellbeing;
    IdType safeguarding;
    IdType trustBoard;
    Reference trustChair;

    @BeforeEach
    void register() {
        trustOds = "RS" + NhsNumbers.next().substring(5);
        trust = create(CpisResources.nhsTrust(trustOds, "Searchable NHS Trust"));
        police = create(CpisResources.nhsTrust("PS" + NhsNumbers.next().substring(5), "Searchable Police"));
        trustChair = create(seat(trust, "chair"));
        Reference trustMember = create(seat(trust, "member"));
        Reference policeMember = create(seat(police, "member"));

        Group hwb = CpisResources.board("health-and-wellbeing-board", "Searchable Health and Wellbeing Board");
        hwb.addMember().setEntity(trustChair);
        hwb.addMember().setEntity(policeMember);
        healthAndWellbeing = createBoard(hwb);
        Group lscb = CpisResources.board("safeguarding-children-partnership", "Searchable Safeguarding Partnership");
        lscb.addExtension(ACCOUNTABLE_TO, new Reference(healthAndWellbeing.getValue()));
        lscb.addMember().setEntity(trustMember);
        safeguarding = createBoard(lscb);
        Group ctb = CpisResources.board("childrens-trust-board", "Searchable Children's Trust Board");
        ctb.addExtension(ACCOUNTABLE_TO, new Reference(healthAndWellbeing.getValue()));
        ctb.addMember().setEntity(policeMember);
        trustBoard = createBoard(ctb);
    }

    @Test
    void theBoardsAnOrganisationSitsOnAreFoundByItsOdsCode() {
        Bundle found = search("/fhir/Group?member:PractitionerRole.organization:Organization.identifier="
                + CpisResources.ODS + "%7C" + trustOds);
        assertThat(ids(found, "match"))
                .containsExactlyInAnyOrder(healthAndWellbeing.getValue(), safeguarding.getValue());

        Bundle seats = search("/fhir/PractitionerRole?organization.identifier=" + CpisResources.ODS + "%7C" + trustOds
                + "&_revinclude=Group:member");
        assertThat(ids(seats, "match")).hasSize(2);
        assertThat(ids(seats, "include"))
                .containsExactlyInAnyOrder(healthAndWellbeing.getValue(), safeguarding.getValue());
    }

    @Test
    void theSeatsOfABoardComeWithTheirOrganisations() {
        Bundle found = search("/fhir/Group?_id=" + healthAndWellbeing.getIdPart()
                + "&_include=Group:member&_include:iterate=PractitionerRole:organization");
        assertThat(ids(found, "match")).containsExactly(healthAndWellbeing.getValue());
        assertThat(ids(found, "include"))
                .hasSize(4)
                .contains(trustChair.getReference(), trust.getReference(), police.getReference());
    }

    @Test
    void theBoardsAccountableToABoardAreFoundByAccountableTo() {
        Bundle found = search("/fhir/Group?accountable-to=" + healthAndWellbeing.getValue());
        assertThat(ids(found, "match")).containsExactlyInAnyOrder(safeguarding.getValue(), trustBoard.getValue());
        assertThat(ids(search("/fhir/Group?accountable-to=" + safeguarding.getValue()), "match"))
                .isEmpty();
    }

    @Test
    void whetherAnOrganisationIsACurrentSignatoryIsAnsweredToWhoeverMayReadOrganisations() {
        for (String persona : List.of("board-admin", "la-medway", "ed-clinician")) {
            Parameters medway = signatory(persona, "00LC");
            assertThat(medway.getParameterBool("signatory")).as(persona).isTrue();
            assertThat(medway.getParameter("membership").getPart())
                    .extracting(part -> part.getName())
                    .contains("agreement", "seat", "since");
        }
        Parameters notSigned = signatory("board-admin", trustOds);
        assertThat(notSigned.getParameterBool("signatory")).isFalse();
        assertThat(((Reference) notSigned.getParameter("organization").getValue()).getReference())
                .isEqualTo(trust.getReference());
        Parameters unknown = signatory("board-admin", "ZZ999");
        assertThat(unknown.getParameterBool("signatory")).isFalse();
        assertThat(unknown.getParameter("organization")).isNull();

        Response outsider = httpAs("outsider").get(signatoryUrl("00LC"));
        assertThat(outsider.statusCode()).isEqualTo(403);
        Response wrongSystem =
                httpAs("board-admin").get("/fhir/Organization/$cpis-signatory?identifier=urn:other%7C00LC");
        assertThat(wrongSystem.statusCode()).isEqualTo(400);
        assertThat(wrongSystem.body().asString()).contains("OperationOutcome", "needs identifier=" + CpisResources.ODS);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private IGenericClient admin() {
        return fhirClientAs("board-admin");
    }

    private Reference create(org.hl7.fhir.r4.model.Resource resource) {
        return new Reference(admin().create()
                .resource(resource)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue());
    }

    private IdType createBoard(Group board) {
        return (IdType) admin().create().resource(board).execute().getId().toUnqualifiedVersionless();
    }

    static PractitionerRole seat(Reference organisation, String role) {
        PractitionerRole seat = new PractitionerRole();
        seat.setOrganization(organisation);
        seat.addCode().addCoding(new Coding("https://fhir.cpis.uk/CodeSystem/cpis-board-role", role, null));
        return seat;
    }

    private Bundle search(String url) {
        Response response = httpAs("board-admin").get(url);
        assertThat(response.statusCode())
                .as(url + " " + response.body().asString())
                .isEqualTo(200);
        log.info("GET {} -> {}", url, response.body().asString());
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body().asString());
    }

    private static List<String> ids(Bundle bundle, String mode) {
        return bundle.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode().toCode().equals(mode))
                .map(entry -> entry.getResource()
                        .getIdElement()
                        .toUnqualifiedVersionless()
                        .getValue())
                .toList();
    }

    private static String signatoryUrl(String ods) {
        return "/fhir/Organization/$cpis-signatory?identifier=" + CpisResources.ODS + "%7C" + ods;
    }

    private Parameters signatory(String persona, String ods) {
        Response response = httpAs(persona).get(signatoryUrl(ods));
        assertThat(response.statusCode())
                .as(persona + " " + response.body().asString())
                .isEqualTo(200);
        log.info(
                "GET {} as {} -> {}",
                signatoryUrl(ods),
                persona,
                response.body().asString());
        return FHIR.newJsonParser()
                .parseResource(Parameters.class, response.body().asString());
    }
}
