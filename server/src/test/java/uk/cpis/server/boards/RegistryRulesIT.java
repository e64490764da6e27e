package uk.cpis.server.boards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The rules of the register of partners and boards: each refused with 422, its reject reason and a
 * message naming the problem, whether sent alone or in a transaction or batch bundle.
 */
class RegistryRulesIT extends PostgresServerTest {

    static final String BOARD_ROLE = "https://fhir.cpis.uk/CodeSystem/cpis-board-role";
    static final String ACCOUNTABLE_TO = Extensions.BOARD_ACCOUNTABLE_TO;

    /** The first write of a fresh server validates cold and can take longer than the client's 10 s default. */
    @org.junit.jupiter.api.BeforeAll
    static void patientClient() {
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    // ---- a seat's organisation -------------------------------------------------------------------

    @Test
    void aSeatForAnOrganisationThatIsNotRegisteredIsRefused() {
        assertRefused(
                () -> admin().create()
                        .resource(seat(new Reference("Organization/no-such-organisation")))
                        .execute(),
                "unknown-organisation",
                "Organization/no-such-organisation, which is not an organisation in the CP-IS register");

        String unknownOds = "ZZ" + NhsNumbers.next().substring(5);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, seat(new Reference(odsUrl(unknownOds))), "PractitionerRole");
        assertRefused(
                () -> admin().transaction().withBundle(transaction).execute(), "unknown-organisation", unknownOds);

        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        post(batch, seat(new Reference(odsUrl(unknownOds))), "PractitionerRole");
        post(batch, seat(new Reference("urn:uuid:" + UUID.randomUUID())), "PractitionerRole");
        Bundle answer = admin().transaction().withBundle(batch).execute();
        answer.getEntry().forEach(entry -> assertEntryRefused(entry, "unknown-organisation"));
    }

    @Test
    void aSeatForAnOrganisationRegisteredEarlierOrInTheSameBundleIsStored() {
        Reference stored = organisation(freshOds("RS"));
        assertThat(admin().create().resource(seat(stored)).execute().getCreated())
                .isTrue();

        String ods = freshOds("RB");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String organisationUrl = post(transaction, CpisResources.nhsTrust(ods, "Bundle NHS Trust"), "Organization");
        transaction.getEntry().get(0).getRequest().setIfNoneExist("identifier=" + CpisResources.ODS + "|" + ods);
        post(transaction, seat(new Reference(organisationUrl)), "PractitionerRole");
        post(transaction, seat(new Reference(odsUrl(ods))), "PractitionerRole");
        Bundle answer = admin().transaction().withBundle(transaction).execute();
        assertThat(answer.getEntry())
                .allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
    }

    // ---- periods ---------------------------------------------------------------------------------

    @Test
    void aSeatOrMembershipThatEndsBeforeItStartsIsRefused() {
        PractitionerRole backwards = seat(organisation(freshOds("RP")));
        backwards
                .getPeriod()
                .setStartElement(new DateTimeType("2025-04-01"))
                .setEndElement(new DateTimeType("2025-03-01"));
        assertRefused(
                () -> admin().create().resource(backwards).execute(),
                "invalid-dates",
                "PractitionerRole.period: the seat ends (2025-03-01) before it starts (2025-04-01)");

        Reference seat = new Reference(admin().create()
                .resource(seat(organisation(freshOds("RM"))))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
        Group board = CpisResources.board("health-and-wellbeing-board", "Backwards Health and Wellbeing Board");
        board.addMember()
                .setEntity(seat)
                .getPeriod()
                .setStartElement(new DateTimeType("2024-09-01"))
                .setEndElement(new DateTimeType("2024-08-31"));
        assertRefused(
                () -> admin().create().resource(board).execute(),
                "invalid-dates",
                "Group.member[0].period: the membership of " + seat.getReference()
                        + " ends (2024-08-31) before it starts (2024-09-01)");

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, board, "Group");
        assertRefused(
                () -> admin().transaction().withBundle(transaction).execute(),
                "invalid-dates",
                "Group.member[0].period");
    }

    // ---- accountability --------------------------------------------------------------------------

    @Test
    void aBoardAccountableToItselfDirectlyOrThroughOtherBoardsIsRefused() {
        IdType top = createBoard("Top Board", null);
        IdType middle = createBoard("Middle Board", top);
        IdType bottom = createBoard("Bottom Board", middle);

        Group topAccountableToBottom = readBoard(top);
        accountableTo(topAccountableToBottom, bottom);
        assertRefused(
                () -> admin().update().resource(topAccountableToBottom).execute(),
                "accountability-cycle",
                "the board would be accountable to itself: Top Board (" + top.getValue() + ") → Bottom Board ("
                        + bottom.getValue() + ") → Middle Board (" + middle.getValue() + ") → Top Board ("
                        + top.getValue() + ")");

        Group itself = readBoard(middle);
        accountableTo(itself, middle);
        assertRefused(
                () -> admin().update().resource(itself).execute(),
                "accountability-cycle",
                "Middle Board (" + middle.getValue() + ") → Middle Board (" + middle.getValue() + ")");

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Group viaBundle = readBoard(top);
        accountableTo(viaBundle, middle);
        transaction
                .addEntry()
                .setFullUrl(top.getValue())
                .setResource(viaBundle)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(top.getValue());
        assertRefused(
                () -> admin().transaction().withBundle(transaction).execute(), "accountability-cycle", "Top Board");

        // a board accountable to two boards, one above the other, is no cycle
        Group twoParents = readBoard(bottom);
        accountableTo(twoParents, top);
        assertThat(admin().update().resource(twoParents).execute().getId().getVersionIdPart())
                .isEqualTo("2");
        assertThat(readBoard(top).getExtensionsByUrl(ACCOUNTABLE_TO))
                .as("the refused updates left no trace")
                .isEmpty();
    }

    @Test
    void twoBoardsMadeAccountableToEachOtherInOneBundleAreRefused() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Group first = CpisResources.board("childrens-trust-board", "First Bundle Board");
        Group second = CpisResources.board("childrens-trust-board", "Second Bundle Board");
        String firstUrl = "urn:uuid:" + UUID.randomUUID();
        String secondUrl = "urn:uuid:" + UUID.randomUUID();
        first.addExtension(ACCOUNTABLE_TO, new Reference(secondUrl));
        second.addExtension(ACCOUNTABLE_TO, new Reference(firstUrl));
        transaction
                .addEntry()
                .setFullUrl(firstUrl)
                .setResource(first)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Group");
        transaction
                .addEntry()
                .setFullUrl(secondUrl)
                .setResource(second)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Group");
        assertRefused(
                () -> admin().transaction().withBundle(transaction).execute(), "accountability-cycle", "Bundle Board");
    }

    // ---- ODS codes -------------------------------------------------------------------------------

    @Test
    void aSecondOrganisationWithAnExistingOdsCodeIsRefusedButConditionalWritesFindTheFirst() {
        String ods = freshOds("RD");
        Reference first = organisation(ods);

        assertRefused(
                () -> admin().create()
                        .resource(CpisResources.nhsTrust(ods, "Copy NHS Trust"))
                        .execute(),
                "duplicate-ods-code",
                "ODS code " + ods + " is already registered to " + first.getReference() + " (Trust " + ods + ")");
        Organization clientChosenId = CpisResources.nhsTrust(ods, "Copy NHS Trust");
        clientChosenId.setId("copy-" + ods.toLowerCase());
        assertRefused(() -> admin().update().resource(clientChosenId).execute(), "duplicate-ods-code", ods);

        // conditional create and conditional update by ODS code find the one registered
        var again = admin().create()
                .resource(CpisResources.nhsTrust(ods, "Trust " + ods))
                .conditional()
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, ods))
                .execute();
        assertThat(again.getId().toUnqualifiedVersionless().getValue()).isEqualTo(first.getReference());
        var renamed = admin().update()
                .resource(CpisResources.nhsTrust(ods, "Renamed Trust " + ods))
                .conditional()
                .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, ods))
                .execute();
        assertThat(renamed.getId().toUnqualifiedVersionless().getValue()).isEqualTo(first.getReference());
        Organization stored = admin().read()
                .resource(Organization.class)
                .withId(first.getReferenceElement())
                .execute();
        assertThat(stored.getName()).isEqualTo("Renamed Trust " + ods);
        stored.setName("Trust " + ods);
        assertThat(admin().update().resource(stored).execute().getId().getIdPart())
                .isEqualTo(first.getReferenceElement().getIdPart());

        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        post(batch, CpisResources.nhsTrust(ods, "Batch Copy NHS Trust"), "Organization");
        assertEntryRefused(admin().transaction().withBundle(batch).execute().getEntryFirstRep(), "duplicate-ods-code");
    }

    @Test
    void oneBundleRegisteringTheSameOdsCodeTwiceIsRefused() {
        String ods = freshOds("RT");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, CpisResources.nhsTrust(ods, "Twice NHS Trust"), "Organization");
        post(transaction, CpisResources.nhsTrust(ods, "Twice Again NHS Trust"), "Organization");
        assertRefused(() -> admin().transaction().withBundle(transaction).execute(), "duplicate-ods-code", ods);
        assertThat(admin().search()
                        .forResource(Organization.class)
                        .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, ods))
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private IGenericClient admin() {
        return fhirClientAs("board-admin");
    }

    private static String freshOds(String prefix) {
        return prefix + NhsNumbers.next().substring(5);
    }

    private static String odsUrl(String ods) {
        return "Organization?identifier=" + CpisResources.ODS + "|" + ods;
    }

    private Reference organisation(String ods) {
        return new Reference(admin().create()
                .resource(CpisResources.nhsTrust(ods, "Trust " + ods))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
    }

    static PractitionerRole seat(Reference organisation) {
        PractitionerRole seat = new PractitionerRole();
        seat.setOrganization(organisation);
        seat.addCode().addCoding(new Coding(BOARD_ROLE, "member", "Member"));
        return seat;
    }

    private IdType createBoard(String name, IdType accountableTo) {
        Group board = CpisResources.board("childrens-trust-board", name);
        if (accountableTo != null) {
            accountableTo(board, accountableTo);
        }
        return (IdType) admin().create().resource(board).execute().getId().toUnqualifiedVersionless();
    }

    private Group readBoard(IdType id) {
        return admin().read().resource(Group.class).withId(id).execute();
    }

    private static void accountableTo(Group board, IdType target) {
        board.addExtension(
                ACCOUNTABLE_TO, new Reference(target.toUnqualifiedVersionless().getValue()));
    }

    private static String post(Bundle bundle, Resource resource, String url) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(url);
        return fullUrl;
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
            OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
            assertThat(outcome.getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .as(e.getMessage())
                    .isEqualTo(reason);
            assertThat(outcome.getIssueFirstRep().getDiagnostics())
                    .contains("[" + reason + "]")
                    .contains(message);
        });
    }

    private static void assertEntryRefused(Bundle.BundleEntryComponent entry, String reason) {
        assertThat(entry.getResponse().getStatus()).startsWith("422");
        OperationOutcome outcome = (OperationOutcome) entry.getResponse().getOutcome();
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(reason);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("[" + reason + "]");
    }
}
