package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.security.AccessPolicy.Interaction;

/** The declaration itself: what it never allows, the conditional-URL rule, and the IG's copy of it. */
class AccessPolicyTest {

    private static final Path SECURITY_PAGE = Path.of("..", "ig", "pages", "security.md");
    private static final String START = "<!-- policy-table:start -->\n";
    private static final String END = "<!-- policy-table:end -->";

    @Test
    void nobodyWritesAuditEventsOrDeletesChildrenOrPlans() {
        for (CpisActor actor : CpisActor.values()) {
            AccessPolicy.of(actor)
                    .grant("AuditEvent")
                    .ifPresent(
                            grant -> assertThat(grant.interactions()).isSubsetOf(Interaction.READ, Interaction.SEARCH));
            for (String type : new String[] {"Patient", "Flag"}) {
                AccessPolicy.of(actor)
                        .grant(type)
                        .ifPresent(grant ->
                                assertThat(grant.allows(Interaction.DELETE)).isFalse());
            }
        }
    }

    @Test
    void clinicianAsksOnlyQuestionsAndNeverCounts() {
        AccessPolicy.Permissions clinician = AccessPolicy.of(CpisActor.CLINICIAN);
        for (String type : new String[] {"Patient", "Flag", "AuditEvent", "CareTeam"}) {
            assertThat(clinician.grant(type).orElseThrow().interactions()).containsOnly(Interaction.SEARCH);
        }
        assertThat(clinician.resultParameters()).doesNotContain("_total");
        assertThat(clinician.bundles()).isFalse();
    }

    @Test
    void boardAdministratorAndTokensWithoutScopeSeeNoPatientData() {
        for (CpisActor actor : new CpisActor[] {CpisActor.BOARD_ADMINISTRATOR, CpisActor.NONE}) {
            for (String type : ServedTypes.PATIENT_DATA) {
                assertThat(AccessPolicy.of(actor).grant(type))
                        .as(actor + " " + type)
                        .isEmpty();
            }
        }
        assertThat(AccessPolicy.of(CpisActor.NONE).grants()).isEmpty();
    }

    @Test
    void conditionalRequestsNameOnlyOneIdentifier() {
        ConditionalWrites.checkConditionalUrl(
                "If-None-Exist", "identifier=https://fhir.nhs.uk/Id/nhs-number|9990000115");
        ConditionalWrites.checkConditionalUrl(
                "If-None-Exist", "Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9990000115");
        for (String refused : new String[] {
            "_id=12",
            "_tag=https://fhir.nhs.uk/Id/ods-organization-code|00LC",
            "status=noshow",
            "identifier=a|1,a|2",
            "identifier=a|1&identifier=a|2",
            "identifier=a|1&name=x",
            "",
            "identifier="
        }) {
            assertThatThrownBy(() -> ConditionalWrites.checkConditionalUrl("If-None-Exist", refused))
                    .as(refused)
                    .isInstanceOf(ForbiddenOperationException.class)
                    .hasMessageContaining("identifier=");
        }
        assertThatThrownBy(() -> ConditionalWrites.checkConditionalParameters(
                        "the URL", Map.of("identifier", new String[] {"a|1"}, "_id", new String[] {"1"})))
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void everySearchParameterIsDeclaredWithoutJoins() {
        for (CpisActor actor : CpisActor.values()) {
            AccessPolicy.of(actor)
                    .grants()
                    .values()
                    .forEach(grant -> assertThat(grant.searchParameters())
                            .noneMatch(name -> name.startsWith("_has")
                                    || name.startsWith("_revinclude")
                                    || name.equals("_include")));
        }
    }

    /**
     * The security page shows the table generated from the declaration. After changing the policy, run
     * this test with {@code -Dcpis.write-policy-table=true} to rewrite the page.
     */
    @Test
    void implementationGuideShowsThePolicyAsDeclared() throws IOException {
        String page = Files.readString(SECURITY_PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as("markers on the security page").isNotNegative();
        String table = AccessPolicy.asMarkdownTable();
        if (Boolean.getBoolean("cpis.write-policy-table")) {
            page = page.substring(0, start + START.length()) + table + page.substring(end);
            Files.writeString(SECURITY_PAGE, page, StandardCharsets.UTF_8);
        }
        assertThat(page.substring(start + START.length(), page.indexOf(END)))
                .as("ig/pages/security.md policy table (rerun with -Dcpis.write-policy-table=true)")
                .isEqualTo(table);
    }
}
