package uk.cpis.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads the built FHIR package (classpath {@code cpis-package/package.tgz}) the way the server does, with HAPI's
 * {@link NpmPackageValidationSupport}, and checks it against the package contract: package metadata and index,
 * every contracted resource present, every example valid against its profile, every counter-example rejected
 * with its expected error.
 */
class CpisPackageTest {

    static final String PACKAGE = "cpis-package/package.tgz";
    static final String BASE = "https://fhir.cpis.uk/";
    static final String SD = BASE + "StructureDefinition/";

    static final FhirContext CTX = FhirContext.forR4Cached();
    static final ObjectMapper JSON = new ObjectMapper();

    static NpmPackage pkg;
    static NpmPackageValidationSupport npmSupport;
    static FhirValidator validator;

    @BeforeAll
    static void loadPackage() throws IOException {
        try (InputStream in = CpisPackageTest.class.getClassLoader().getResourceAsStream(PACKAGE)) {
            assertNotNull(in, PACKAGE + " is not on the classpath: did the build assemble it?");
            pkg = NpmPackage.fromPackage(in);
        }
        npmSupport = new NpmPackageValidationSupport(CTX);
        npmSupport.loadPackageFromClasspath("classpath:" + PACKAGE);

        // SNOMED CT cannot be checked offline; the plan-type ValueSet enumerates its three codes, and
        // InMemoryTerminologyServerValidationSupport accepts codes that are listed in a ValueSet's compose even when
        // the code system itself is not available.
        ValidationSupportChain chain = new ValidationSupportChain(
                npmSupport,
                new DefaultProfileValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        validator = CTX.newValidator().registerValidatorModule(module);
    }

    // ---- package metadata and index --------------------------------------------------------------------------

    @Test
    void packageJsonIsAsContracted() throws IOException {
        JsonNode p = JSON.readTree(pkg.load("package", "package.json"));
        assertEquals("uk.cpis.fhir", p.path("name").asText());
        assertEquals("0.1.0", p.path("version").asText());
        assertEquals("https://fhir.cpis.uk", p.path("canonical").asText());
        assertEquals("fhir.ig", p.path("type").asText());
        assertEquals("[\"4.0.1\"]", p.path("fhirVersions").toString());
        assertEquals("{\"hl7.fhir.r4.core\":\"4.0.1\"}", p.path("dependencies").toString());
    }

    @Test
    void indexListsEveryFileWithItsMetadata() throws IOException {
        for (String folder : List.of("package", "example")) {
            NpmPackage.NpmPackageFolder f = pkg.getFolders().get(folder);
            assertNotNull(f, "folder " + folder);
            JsonNode index = JSON.readTree(f.fetchFile(".index.json"));
            assertEquals(1, index.path("index-version").asInt());
            Set<String> indexed = new HashSet<>();
            for (JsonNode entry : index.path("files")) {
                String filename = entry.path("filename").asText();
                indexed.add(filename);
                JsonNode res = JSON.readTree(f.fetchFile(filename));
                assertEquals(
                        res.path("resourceType").asText(),
                        entry.path("resourceType").asText(),
                        filename);
                assertEquals(res.path("id").asText(), entry.path("id").asText(), filename);
                assertEquals(
                        res.path("resourceType").asText() + "-" + res.path("id").asText() + ".json", filename);
                for (String k : List.of("url", "version", "kind", "type")) {
                    if (res.path(k).isTextual()) {
                        assertEquals(res.path(k).asText(), entry.path(k).asText(), filename + " " + k);
                    }
                }
                if ("StructureDefinition".equals(res.path("resourceType").asText())) {
                    assertTrue(res.path("snapshot").path("element").size() > 0, filename + " has a snapshot");
                }
            }
            Set<String> files = f.listFiles().stream()
                    .filter(n -> n.endsWith(".json") && !n.equals(".index.json") && !n.equals("package.json"))
                    .collect(Collectors.toSet());
            assertEquals(files, indexed, "index of " + folder);
        }
    }

    @Test
    void everyContractedResourceIsInThePackage() {
        for (String id : List.of(
                "cpis-patient",
                "cpis-flag",
                "cpis-access-auditevent",
                "cpis-security-auditevent",
                "cpis-organization",
                "cpis-local-authority",
                "cpis-board",
                "cpis-information-sharing-agreement",
                "cpis-board-seat",
                "cpis-looked-after-legal-status",
                "cpis-delete-date",
                "cpis-access-type",
                "cpis-care-setting",
                "cpis-board-accountable-to",
                "cpis-board-host",
                "cpis-notification-subscription",
                "cpis-missed-appointment",
                "cpis-missed-appointment-auditevent")) {
            assertNotNull(npmSupport.fetchStructureDefinition(SD + id), "StructureDefinition " + id);
        }
        assertNotNull(npmSupport.fetchStructureDefinition(
                "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus"));
        assertNotNull(npmSupport.fetchCodeSystem(
                "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"));
        assertNotNull(
                npmSupport.fetchValueSet("https://fhir.hl7.org.uk/ValueSet/UKCore-NHSNumberVerificationStatusEngland"));
        List<String> terminology = List.of(
                "cpis-flag-category",
                "cpis-looked-after-legal-status",
                "cpis-access-type",
                "cpis-care-setting",
                "cpis-partner-agency-type",
                "cpis-board-type",
                "cpis-board-role",
                "cpis-audit-entity-role",
                "cpis-reject-reason",
                "cpis-notification-tag");
        for (String id : terminology) {
            assertNotNull(npmSupport.fetchCodeSystem(BASE + "CodeSystem/" + id), "CodeSystem " + id);
            assertNotNull(npmSupport.fetchValueSet(BASE + "ValueSet/" + id), "ValueSet " + id);
        }
        assertNotNull(npmSupport.fetchValueSet(BASE + "ValueSet/cpis-plan-type"));
        Set<String> searchParameters = npmSupport.fetchAllSearchParameters().stream()
                .map(sp -> ((org.hl7.fhir.r4.model.SearchParameter) sp).getUrl())
                .collect(Collectors.toSet());
        for (String id : List.of(
                "Flag-code",
                "Flag-status",
                "Flag-category",
                "Flag-delete-date",
                "Flag-period-start",
                "Flag-period-end",
                "AuditEvent-responsible-la",
                "AuditEvent-access-type",
                "Group-accountable-to",
                "PractitionerRole-board-role")) {
            assertTrue(searchParameters.contains(BASE + "SearchParameter/" + id), "SearchParameter " + id);
        }
        Set<String> files = Set.copyOf(pkg.getFolders().get("package").listFiles());
        for (String f : List.of(
                "NamingSystem-nhs-number.json",
                "NamingSystem-ods-organization-code.json",
                "CapabilityStatement-cpis-server.json")) {
            assertTrue(files.contains(f), f);
        }
    }

    /**
     * CodeSystems, ValueSets, SearchParameters, NamingSystems and the CapabilityStatement are valid R4. The
     * StructureDefinitions are exercised by the example and counter-example tests instead: validating an extension
     * definition itself makes HAPI's validator regenerate its snapshot, which fails inside HAPI with "Unable to
     * resolve package id hl7.fhir.r4.core#null" whatever the extension.
     */
    @TestFactory
    Stream<DynamicTest> everyTerminologyAndApiResourceIsValidFhir() throws IOException {
        NpmPackage.NpmPackageFolder folder = pkg.getFolders().get("package");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : folder.listFiles().stream().sorted().toList()) {
            if (!name.endsWith(".json")
                    || name.startsWith(".")
                    || name.equals("package.json")
                    || name.startsWith("StructureDefinition-")) {
                continue;
            }
            String json = new String(folder.fetchFile(name), StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<SingleValidationMessage> errors = errors(validator.validateWithResult(json));
                assertTrue(errors.isEmpty(), name + " is valid FHIR R4, but:\n" + describe(errors));
            }));
        }
        return tests.stream();
    }

    // ---- examples and counter-examples -----------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyExampleIsValidAgainstItsProfile() throws IOException {
        NpmPackage.NpmPackageFolder examples = pkg.getFolders().get("example");
        List<String> names = examples.listFiles().stream()
                .filter(n -> n.endsWith(".json") && !n.startsWith("."))
                .sorted()
                .toList();
        assertFalse(names.isEmpty(), "the package has examples");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names) {
            String json = new String(examples.fetchFile(name), StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                JsonNode profiles = JSON.readTree(json).path("meta").path("profile");
                assertEquals(1, profiles.size(), name + " names its profile in meta.profile");
                String profile = profiles.get(0).asText();
                assertTrue(profile.startsWith(SD), name + " claims a CP-IS profile");
                List<SingleValidationMessage> errors = errors(validate(json, profile));
                assertTrue(errors.isEmpty(), name + " is valid against " + profile + ", but:\n" + describe(errors));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyCounterExampleFailsWithItsExpectedError() throws IOException {
        Path dir = counterExamplesDir();
        JsonNode expected = JSON.readTree(dir.resolve("expected-errors.json").toFile());
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("expected-errors.json"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        Set<String> listed = new HashSet<>();
        expected.fieldNames().forEachRemaining(listed::add);
        assertEquals(files, listed, "expected-errors.json lists exactly the counter-example files");

        List<DynamicTest> tests = new ArrayList<>();
        for (String name : files) {
            JsonNode e = expected.get(name);
            String profile = e.path("profile").asText();
            String error = e.path("error").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertFalse(profile.isEmpty() || error.isEmpty(), name + ": profile and error given");
                String json = Files.readString(dir.resolve(name));
                List<SingleValidationMessage> errors = errors(validate(json, profile));
                assertTrue(
                        errors.stream().anyMatch(m -> m.getMessage().contains(error)),
                        name + " must fail against " + profile + " with an error containing '" + error + "', got:\n"
                                + describe(errors));
            }));
        }
        return tests.stream();
    }

    // ---- the NHS number invariant, checked against a plain Java modulus 11 ---------------------------------

    @Test
    void nhsNumberInvariantAgreesWithModulus11() throws IOException {
        String template = new String(
                pkg.getFolders().get("example").fetchFile("Patient-cpis-patient-child-cpp.json"),
                StandardCharsets.UTF_8);
        Map<String, Boolean> cases = new TreeMap<>();
        for (String n : List.of(
                "9990001014",
                "9990038120",
                "9434765919",
                "9990001015",
                "9990050490",
                "9990050491",
                "0000000000",
                "999000101",
                "99900010140",
                "999000101X")) {
            cases.put(n, validNhsNumber(n));
        }
        Random random = new Random(20250101);
        while (cases.size() < 200) {
            String first9 = String.format("999%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first9.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            // half with the right check digit (where one exists), half with a random last digit
            int last = cases.size() % 2 == 0 && check != 10 ? check : random.nextInt(10);
            String n = first9 + last;
            cases.put(n, validNhsNumber(n));
        }
        assertTrue(cases.values().stream().filter(v -> v).count() > 20, "enough valid numbers");
        assertTrue(cases.values().stream().filter(v -> !v).count() > 20, "enough invalid numbers");
        for (Map.Entry<String, Boolean> c : cases.entrySet()) {
            String json = template.replace("\"9990001014\"", "\"" + c.getKey() + "\"");
            boolean rejected = errors(validate(json, SD + "cpis-patient")).stream()
                    .anyMatch(m -> m.getMessage().contains("cpis-nhs-1"));
            assertEquals(!c.getValue(), rejected, "NHS number " + c.getKey() + " valid=" + c.getValue());
        }
    }

    /** Modulus 11: weights 10..2 over the first nine digits; check = 11 - (sum mod 11); 11 -> 0; 10 -> invalid. */
    static boolean validNhsNumber(String n) {
        if (!n.matches("[0-9]{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (n.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == n.charAt(9) - '0';
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static ValidationResult validate(String json, String profile) {
        ValidationResult result = validator.validateWithResult(json, new ValidationOptions().addProfile(profile));
        if (Boolean.getBoolean("cpis.printMessages")) {
            System.out.println("---- " + profile + " "
                    + json.substring(0, Math.min(json.length(), 80)).replace('\n', ' '));
            System.out.println(describe(result.getMessages()));
        }
        return result;
    }

    static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    static String describe(List<SingleValidationMessage> messages) {
        return messages.stream()
                .map(m -> "  " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }

    static Path counterExamplesDir() {
        return Path.of(System.getProperty("cpis.counterExamples", "counter-examples"));
    }
}
