package uk.cpis.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The independent judge: the official HL7 validator command line (org.hl7.fhir.validation 6.5.18,
 * run offline in its own JVM with its own package cache) over every example in the CP-IS package
 * and every counter-example, and over the sample bundles of test-data/bundles/. Examples and sample
 * bundles must pass with 0 errors; each counter-example must fail with the error listed in
 * counter-examples/expected-errors.json.
 */
class Hl7ValidatorCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Packages the validator insists on loading although R4 validation does not use them: empty ones do. */
    private static final List<String> PLACEHOLDER_PACKAGES = List.of(
            "hl7.fhir.xver-extensions#0.1.0",
            "hl7.terminology.r4#6.2.0",
            "hl7.fhir.uv.extensions.r4#5.2.0",
            "hl7.terminology#6.2.0",
            "hl7.fhir.uv.extensions#5.2.0");

    static Path work;
    static Map<String, List<String>> errorsByFile;

    @BeforeAll
    static void runTheValidatorOnce() throws Exception {
        Path validator = Path.of(System.getProperty("cpis.hl7Validator"));
        Path packageTgz = Path.of(System.getProperty("cpis.package"));
        work = validator.resolve("run");
        deleteRecursively(work);
        Path home = work.resolve("home");
        preparePackageCache(home.resolve(".fhir/packages"));
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        writeExamples(packageTgz, inputs);
        writeCounterExamples(inputs);
        writeSampleBundles(inputs);

        Path output = work.resolve("outcomes.json");
        Process process = new ProcessBuilder(
                        javaExecutable(),
                        "-Duser.home=" + home,
                        "-Xmx2g",
                        "-cp",
                        validator.resolve("lib") + "/*",
                        "org.hl7.fhir.validation.ValidatorCli",
                        inputs.toString(),
                        "-version",
                        "4.0.1",
                        "-ig",
                        packageTgz.toString(),
                        "-tx",
                        "n/a",
                        "-output",
                        output.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("validator.log").toFile())
                .start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the HL7 validator did not finish in 10 minutes");
        assertTrue(Files.exists(output), "the HL7 validator wrote no outcome; see " + work.resolve("validator.log"));
        errorsByFile = errorsByFile(JSON.readTree(output.toFile()));
    }

    @Test
    void everyExampleInThePackagePassesWithNoErrors() {
        Map<String, List<String>> examples = filesStartingWith("example-");
        assertTrue(examples.size() >= 15, "examples validated: " + examples.keySet());
        examples.forEach((file, errors) -> assertEquals(
                List.of(),
                errors.stream().filter(error -> !offlineMimeTypeCheck(error)).toList(),
                file + " should be valid"));
    }

    /**
     * Offline ({@code -tx n/a}) the validator cannot resolve the MIME type code system (urn:ietf:bcp:13) behind the
     * required binding of Subscription.channel.payload, so it reports application/fhir+json as unknown. HAPI's
     * validator (CpisPackageTest) knows MIME types and checks the same examples.
     */
    private static boolean offlineMimeTypeCheck(String error) {
        return error.contains("urn:ietf:bcp:13 which could not be found") && error.contains("[No server available]");
    }

    @Test
    void everyCounterExampleFailsWithItsExpectedError() throws IOException {
        JsonNode expected =
                JSON.readTree(counterExamples().resolve("expected-errors.json").toFile());
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().has("note")
                    && entry.getValue().get("note").asText().contains("HL7 validator")) {
                continue; // needs SNOMED CT, which this offline validator cannot check (the note says why)
            }
            List<String> errors = errorsByFile.getOrDefault("counter-" + entry.getKey(), List.of());
            String wanted = entry.getValue().get("error").asText();
            assertTrue(
                    errors.stream().anyMatch(error -> error.contains(wanted)),
                    entry.getKey() + " should fail with '" + wanted + "' but the HL7 validator said " + errors);
            checked++;
        }
        assertTrue(checked >= 25, "counter-examples checked: " + checked);
    }

    @Test
    void everySampleBundleOfTestDataPassesWithNoErrors() throws IOException {
        List<String> bundles = sampleBundleFiles();
        assertTrue(bundles.size() >= 6, "sample bundles: " + bundles);
        for (String bundle : bundles) {
            // each entry declares its CP-IS profile, so the validator judges it against that profile, not just R4
            JsonNode entries =
                    JSON.readTree(sampleBundles().resolve(bundle).toFile()).path("entry");
            assertTrue(entries.size() > 0, bundle + " has entries");
            for (JsonNode entry : entries) {
                String profile = entry.path("resource")
                        .path("meta")
                        .path("profile")
                        .path(0)
                        .asText();
                assertTrue(
                        profile.startsWith("https://fhir.cpis.uk/StructureDefinition/cpis-"),
                        bundle + ": " + entry.path("fullUrl").asText() + " declares no CP-IS profile");
            }
            assertTrue(errorsByFile.containsKey("sample-" + bundle), bundle + " was not validated");
            assertEquals(List.of(), errorsByFile.get("sample-" + bundle), bundle + " should be valid");
        }
    }

    private static void writeSampleBundles(Path inputs) throws IOException {
        for (String bundle : sampleBundleFiles()) {
            Files.copy(sampleBundles().resolve(bundle), inputs.resolve("sample-" + bundle));
        }
    }

    private static List<String> sampleBundleFiles() throws IOException {
        try (Stream<Path> files = Files.list(sampleBundles())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static Path sampleBundles() {
        return Path.of(System.getProperty("cpis.sampleBundles"));
    }

    private static void preparePackageCache(Path packages) throws IOException {
        Path core = Path.of(System.getProperty("cpis.fhirHome"), ".fhir/packages/hl7.fhir.r4.core#4.0.1");
        copyRecursively(core, packages.resolve("hl7.fhir.r4.core#4.0.1"));
        for (String placeholder : PLACEHOLDER_PACKAGES) {
            String[] nameAndVersion = placeholder.split("#");
            Path dir = Files.createDirectories(packages.resolve(placeholder).resolve("package"));
            Files.writeString(
                    dir.resolve("package.json"),
                    "{\"name\":\"" + nameAndVersion[0] + "\",\"version\":\"" + nameAndVersion[1]
                            + "\",\"fhirVersions\":[\"4.0.1\"],\"dependencies\":{}}");
        }
        // The 6.5.x validator deletes a cache whose version it does not recognise.
        Files.writeString(packages.resolve("packages.ini"), "[cache]\nversion = 3\n");
    }

    private static void writeExamples(Path packageTgz, Path inputs) throws IOException {
        NpmPackage npm;
        try (InputStream in = Files.newInputStream(packageTgz)) {
            npm = NpmPackage.fromPackage(in);
        }
        for (String name : npm.list("example")) {
            if (name.endsWith(".json") && !name.startsWith(".")) {
                try (InputStream in = npm.load("example", name)) {
                    Files.copy(in, inputs.resolve("example-" + name));
                }
            }
        }
    }

    /** Counter-examples declare the profile they break, so one validator run can judge them all. */
    private static void writeCounterExamples(Path inputs) throws IOException {
        JsonNode expected =
                JSON.readTree(counterExamples().resolve("expected-errors.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ObjectNode resource = (ObjectNode)
                    JSON.readTree(counterExamples().resolve(entry.getKey()).toFile());
            ObjectNode meta = resource.has("meta") ? (ObjectNode) resource.get("meta") : resource.putObject("meta");
            ArrayNode profiles = meta.putArray("profile");
            profiles.add(entry.getValue().get("profile").asText());
            JSON.writeValue(inputs.resolve("counter-" + entry.getKey()).toFile(), resource);
        }
    }

    private static Map<String, List<String>> errorsByFile(JsonNode outcomes) {
        Map<String, List<String>> result = new HashMap<>();
        List<JsonNode> operationOutcomes = new ArrayList<>();
        if ("Bundle".equals(outcomes.path("resourceType").asText())) {
            outcomes.path("entry").forEach(entry -> operationOutcomes.add(entry.path("resource")));
        } else {
            operationOutcomes.add(outcomes);
        }
        for (JsonNode outcome : operationOutcomes) {
            String file = "";
            for (JsonNode extension : outcome.path("extension")) {
                if (extension.path("url").asText().endsWith("operationoutcome-file")) {
                    file = Path.of(extension.path("valueString").asText())
                            .getFileName()
                            .toString();
                }
            }
            List<String> errors = result.computeIfAbsent(file, f -> new ArrayList<>());
            for (JsonNode issue : outcome.path("issue")) {
                String severity = issue.path("severity").asText();
                if (severity.equals("error") || severity.equals("fatal")) {
                    errors.add(issue.path("expression").toString() + " "
                            + issue.path("details").path("text").asText() + " "
                            + issue.path("diagnostics").asText());
                }
            }
        }
        return result;
    }

    private static Map<String, List<String>> filesStartingWith(String prefix) {
        Map<String, List<String>> selected = new HashMap<>();
        errorsByFile.forEach((file, errors) -> {
            if (file.startsWith(prefix)) {
                selected.put(file, errors);
            }
        });
        return selected;
    }

    private static Path counterExamples() {
        return Path.of(System.getProperty("cpis.counterExamples"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
