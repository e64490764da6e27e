package uk.cpis.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.fhir.RejectReason;

/**
 * The contract in code and the CP-IS package the server loads say the same: every CP-IS canonical URL
 * written in {@code uk.cpis.server.contract} is defined in the package with the right kind of resource,
 * and every code the server acts on is a code of its CodeSystem. A profile, extension or code renamed
 * in FSH without the code (or the other way round) fails here, not in production.
 */
class ContractMatchesPackageTest {

    private static final String CPIS = "https://fhir.cpis.uk/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Canonical URL to resource type (StructureDefinition, CodeSystem, …). */
    private static final Map<String, String> canonicals = new HashMap<>();
    /** CodeSystem URL to its codes. */
    private static final Map<String, Set<String>> codes = new HashMap<>();
    /** Enumerated ValueSet URL to the codes it includes. */
    private static final Map<String, Set<String>> valueSetCodes = new HashMap<>();

    private static final Set<String> namingSystems = new java.util.HashSet<>();
    private static String capabilityStatement;

    @BeforeAll
    static void readThePackage() throws IOException {
        try (InputStream in = ContractMatchesPackageTest.class.getResourceAsStream("/cpis-package/package.tgz")) {
            assertThat(in).as("the CP-IS package on the server's classpath").isNotNull();
            NpmPackage cpisPackage = NpmPackage.fromPackage(in);
            for (String file : cpisPackage.list("package")) {
                if (!file.endsWith(".json") || file.startsWith(".") || file.equals("package.json")) {
                    continue;
                }
                try (InputStream resourceFile = cpisPackage.load("package", file)) {
                    JsonNode resource = JSON.readTree(resourceFile);
                    String type = resource.path("resourceType").asText();
                    canonicals.put(resource.path("url").asText(), type);
                    if (type.equals("CodeSystem")) {
                        Set<String> concepts = new java.util.HashSet<>();
                        resource.path("concept")
                                .forEach(concept ->
                                        concepts.add(concept.path("code").asText()));
                        codes.put(resource.path("url").asText(), concepts);
                    }
                    if (type.equals("ValueSet")) {
                        Set<String> included = new java.util.HashSet<>();
                        resource.path("compose")
                                .path("include")
                                .forEach(include -> include.path("concept")
                                        .forEach(concept -> included.add(
                                                concept.path("code").asText())));
                        valueSetCodes.put(resource.path("url").asText(), included);
                    }
                    if (type.equals("NamingSystem")) {
                        resource.path("uniqueId")
                                .forEach(
                                        id -> namingSystems.add(id.path("value").asText()));
                    }
                    if (type.equals("CapabilityStatement")) {
                        capabilityStatement = resource.toString();
                    }
                }
            }
        }
    }

    @Test
    void everyCpisProfileInTheContractIsAProfileOfThePackage() {
        assertThat(cpisConstants(Profiles.class))
                .isNotEmpty()
                .allSatisfy(url -> assertThat(canonicals.get(url)).as(url).isEqualTo("StructureDefinition"));
    }

    @Test
    void everyExtensionInTheContractIsDefinedInThePackage() {
        assertThat(constants(Extensions.class).stream().filter(url -> !url.startsWith("http://hl7.org/")))
                .allSatisfy(url -> assertThat(canonicals.get(url)).as(url).isEqualTo("StructureDefinition"));
    }

    @Test
    void everyCpisCodeSystemInTheContractIsACodeSystemOfThePackage() {
        assertThat(cpisConstants(CodeSystems.class))
                .hasSizeGreaterThan(5)
                .allSatisfy(url -> assertThat(canonicals.get(url)).as(url).isEqualTo("CodeSystem"));
    }

    @Test
    void theCodesTheServerActsOnAreCodesOfTheirCodeSystems() {
        assertThat(codes.get(CodeSystems.ACCESS_TYPE))
                .contains(Codes.UNSCHEDULED, Codes.SCHEDULED)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(AccessType.values()).map(AccessType::code).toList());
        assertThat(codes.get(CodeSystems.NOTIFICATION_TAG)).contains(Codes.REPEAT_ATTENDANCE, Codes.MISSED_APPOINTMENT);
        assertThat(codes.get(CodeSystems.PARTNER_AGENCY_TYPE)).contains(Codes.LOCAL_AUTHORITY);
        assertThat(codes.get(CodeSystems.BOARD_TYPE)).contains(Codes.INFORMATION_SHARING_AGREEMENT);
        assertThat(codes.get(CodeSystems.AUDIT_ENTITY_ROLE)).contains(Codes.RESPONSIBLE_LOCAL_AUTHORITY);
        assertThat(valueSetCodes.get(CPIS + "ValueSet/cpis-plan-type"))
                .containsExactlyInAnyOrder(
                        Codes.CHILD_PROTECTION_PLAN, Codes.LOOKED_AFTER_CHILD, Codes.UNBORN_CHILD_PROTECTION_PLAN);
    }

    @Test
    void theRejectReasonsAreExactlyTheCodesOfTheRejectReasonCodeSystem() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code))
                .containsExactlyInAnyOrderElementsOf(codes.get(CodeSystems.REJECT_REASON));
    }

    @Test
    void theIdentifierSystemsAreTheNamingSystemsOfThePackage() {
        assertThat(namingSystems).contains(IdentifierSystems.NHS_NUMBER, IdentifierSystems.ODS_CODE);
        assertThat(canonicals).containsKey(Profiles.BASE + "cpis-la-plan-identifier");
    }

    @Test
    void theCpisOperationsAreTheOnesTheCapabilityStatementDescribes() {
        assertThat(capabilityStatement).contains(Operations.LOOKUP, Operations.SIGNATORY, Operations.STATISTICS);
    }

    private static List<String> cpisConstants(Class<?> holder) {
        return constants(holder).stream()
                .filter(url -> url.startsWith(CPIS) && !url.endsWith("/"))
                .toList();
    }

    private static List<String> constants(Class<?> holder) {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers())
                    && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }
}
