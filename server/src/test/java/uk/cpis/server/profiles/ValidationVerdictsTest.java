package uk.cpis.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The write validator ({@link ReusedInstanceValidators}, which keeps and reuses HL7 instance
 * validators) gives exactly the verdict of HAPI's stock {@link FhirInstanceValidator} (a new HL7
 * validator per resource), over the same CP-IS package: the same errors, element and message, on
 * every example of the package, every counter-example, every resource of the sample and invalid
 * bundles, and thousands of mutations of them (elements dropped, emptied, duplicated or added,
 * values of the wrong kind, unknown codes, systems and extensions, NHS numbers with another check
 * digit). The mutants are validated two at a time, as uploads are, so validators are shared
 * between threads the way the server shares them.
 */
class ValidationVerdictsTest {

    static final int MUTANTS = 3_000;
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final ObjectMapper JSON = new ObjectMapper();

    static FhirValidator reused;
    static FhirValidator stock;

    record Seed(String name, String json, String profile) {}

    @BeforeAll
    static void validators() {
        ValidationSupportChain definitions = CpisValidatorConfig.cpisDefinitions(
                FHIR,
                new DefaultProfileValidationSupport(FHIR),
                new CpisPackageProperties("classpath:cpis-package/package.tgz"));
        reused = FHIR.newValidator().registerValidatorModule(new ReusedInstanceValidators(definitions));
        stock = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(definitions));
    }

    @Test
    void theReusedValidatorsGiveTheStockValidatorsVerdictOnEverySeedAndMutant() throws IOException {
        List<Seed> seeds = seeds();
        assertThat(seeds).as("examples, counter-examples and sample resources").hasSizeGreaterThan(60);
        for (Seed seed : seeds) {
            assertSameVerdict(seed.name(), seed.json(), seed.profile());
        }

        Random random = new Random(17);
        List<Seed> mutants = new ArrayList<>();
        while (mutants.size() < MUTANTS) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            ObjectNode tree = (ObjectNode) JSON.readTree(seed.json());
            StringBuilder how = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                how.append(' ').append(mutate(tree, random));
            }
            mutants.add(new Seed(seed.name() + how, tree.toString(), seed.profile()));
        }
        AtomicInteger valid = new AtomicInteger();
        AtomicInteger invalid = new AtomicInteger();
        AtomicInteger unparseable = new AtomicInteger();
        mutants.parallelStream().forEach(mutant -> {
            Optional<Boolean> verdict = assertSameVerdict(mutant.name(), mutant.json(), mutant.profile());
            verdict.ifPresentOrElse(
                    isValid -> (isValid ? valid : invalid).incrementAndGet(), unparseable::incrementAndGet);
        });
        System.out.printf(
                "ValidationVerdictsTest: %d seeds, %d mutants: %d valid, %d invalid, %d refused by the parser"
                        + " (never validated, as on the server); verdicts identical%n",
                seeds.size(), MUTANTS, valid.get(), invalid.get(), unparseable.get());
        assertThat(invalid.get()).as("mutants found invalid").isGreaterThan(MUTANTS / 5);
        assertThat(valid.get()).as("mutants still valid").isGreaterThan(MUTANTS / 20);
    }

    /** Empty when the server's parser refuses the JSON (a 400 before any validation), else whether it is valid. */
    private static Optional<Boolean> assertSameVerdict(String name, String json, String profile) {
        IBaseResource resource;
        try {
            resource = FHIR.newJsonParser().parseResource(json);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException refused) {
            return Optional.empty();
        }
        List<String> mine = errors(reused, resource, profile);
        List<String> theirs = errors(stock, resource, profile);
        assertThat(mine).as(name + " against " + profile).isEqualTo(theirs);
        return Optional.of(mine.isEmpty());
    }

    private static List<String> errors(FhirValidator validator, IBaseResource resource, String profile) {
        return validator
                .validateWithResult(resource, new ValidationOptions().addProfile(profile))
                .getMessages()
                .stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(message -> message.getLocationString() + ": " + message.getMessage())
                .sorted()
                .toList();
    }

    // ---- seeds ----

    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        try (InputStream tgz = ValidationVerdictsTest.class.getResourceAsStream("/cpis-package/package.tgz")) {
            NpmPackage cpisPackage = NpmPackage.fromPackage(tgz);
            for (String file : cpisPackage.list("example")) {
                try (InputStream example = cpisPackage.load("example", file)) {
                    String json = new String(example.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    profileOf(json).ifPresent(profile -> seeds.add(new Seed("example " + file, json, profile)));
                }
            }
        }
        Path counterExamples = Path.of("..", "profiles", "counter-examples");
        JsonNode expected =
                JSON.readTree(counterExamples.resolve("expected-errors.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            seeds.add(new Seed(
                    "counter-example " + entry.getKey(),
                    Files.readString(counterExamples.resolve(entry.getKey())),
                    entry.getValue().get("profile").asText()));
        }
        for (String folder : List.of("bundles", "invalid")) {
            try (Stream<Path> files = Files.list(Path.of("..", "test-data", folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    JsonNode bundle = JSON.readTree(file.toFile());
                    int index = 0;
                    for (JsonNode entry : bundle.path("entry")) {
                        JsonNode resource = entry.get("resource");
                        String where = folder + "/" + file.getFileName() + " entry " + index++;
                        if (resource != null) {
                            String json = resource.toString();
                            profileOf(json).ifPresent(profile -> seeds.add(new Seed(where, json, profile)));
                        }
                    }
                }
            }
        }
        return seeds;
    }

    /** The profile a write of this resource is checked against; none for types the server does not check. */
    private static Optional<String> profileOf(String json) {
        IParser parser = FHIR.newJsonParser();
        try {
            IBaseResource resource = parser.parseResource(json);
            return resource.getMeta().getProfile().isEmpty()
                    ? CpisProfiles.requiredFor(resource)
                    : Optional.of(resource.getMeta().getProfile().get(0).getValue());
        } catch (DataFormatException unreadable) {
            return Optional.empty();
        }
    }

    // ---- mutations ----

    private static final List<JsonNode> ODD_VALUES = List.of(
            TextNode.valueOf(""),
            TextNode.valueOf(" padded "),
            TextNode.valueOf("2026-13-45"),
            TextNode.valueOf("not a code"),
            TextNode.valueOf("urn:oid:1.2.3"),
            TextNode.valueOf("x".repeat(2000)),
            JSON.getNodeFactory().numberNode(12),
            JSON.getNodeFactory().booleanNode(true),
            JSON.getNodeFactory().objectNode());

    /** One change somewhere in the tree, described for the failure message. */
    private static String mutate(ObjectNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ArrayNode array) {
            if (array.isEmpty()) {
                return "(empty array kept)";
            }
            int index = random.nextInt(array.size());
            return switch (random.nextInt(3)) {
                case 0 -> {
                    array.add(array.get(index).deepCopy());
                    yield "duplicated [" + index + "]";
                }
                case 1 -> {
                    array.remove(index);
                    yield "removed [" + index + "]";
                }
                default -> {
                    array.removeAll();
                    yield "emptied an array";
                }
            };
        }
        ObjectNode object = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!name.equals("resourceType")) {
                names.add(name);
            }
        });
        int kind = random.nextInt(8);
        if (names.isEmpty() || kind == 0) {
            object.set("cpisUnknownElement", TextNode.valueOf("x"));
            return "added an unknown element";
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = object.get(name);
        return switch (kind) {
            case 1, 2 -> {
                object.remove(name);
                yield "removed " + name;
            }
            case 3 -> {
                JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
                object.set(name, odd.deepCopy());
                yield name + "=" + abbreviate(odd.toString());
            }
            case 4 -> {
                if (value.isTextual() && value.asText().matches("\\d{10}")) {
                    String digits = value.asText();
                    char last = (char) ('0' + (digits.charAt(9) - '0' + 1 + random.nextInt(8)) % 10);
                    object.put(name, digits.substring(0, 9) + last);
                    yield name + " check digit changed";
                }
                object.put(name, "cpis-unknown-code");
                yield name + "=cpis-unknown-code";
            }
            case 5 -> {
                object.put(
                        name.equals("system") || name.equals("url") ? name : "system", "https://example.org/unknown");
                yield "unknown system or url at " + name;
            }
            case 6 -> {
                ObjectNode extension = JSON.createObjectNode()
                        .put("url", "https://example.org/StructureDefinition/unknown")
                        .put("valueString", "y");
                object.withArray("extension").add(extension);
                yield "added an unknown extension";
            }
            default -> {
                if (value.isContainerNode()) {
                    object.set(name, value.isArray() ? JSON.createArrayNode() : JSON.createObjectNode());
                    yield "emptied " + name;
                }
                object.put(name, value.asText() + "1");
                yield name + " changed";
            }
        };
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
