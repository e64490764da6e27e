package uk.cpis.server.profiles;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name keeps it out of every test run; {@code bench/validator-reuse}
 * runs it): the CPU time per resource of CP-IS profile validation with HAPI's stock
 * {@code FhirInstanceValidator} and with {@link ReusedInstanceValidators}, alternately, on the
 * children and plans of generated council bundles (the folder in {@code cpis.bench.bundles}).
 * Prints figures; asserts nothing.
 */
class ValidatorReuseBench {

    @Test
    void printCpuPerValidation() throws Exception {
        ValidationVerdictsTest.validators();
        Path folder = Path.of(System.getProperty("cpis.bench.bundles", "../test-data/bundles"));
        List<IBaseResource> resources = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .limit(20)
                    .toList()) {
                for (JsonNode entry :
                        ValidationVerdictsTest.JSON.readTree(file.toFile()).path("entry")) {
                    IBaseResource resource = ValidationVerdictsTest.FHIR
                            .newJsonParser()
                            .parseResource(entry.get("resource").toString());
                    CpisProfiles.requiredFor(resource).ifPresent(profile -> {
                        resources.add(resource);
                        profiles.add(profile);
                    });
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("validator-reuse: %d resources from %s%n", resources.size(), folder);
        for (int round = 1; round <= 8; round++) {
            for (FhirValidator validator : List.of(ValidationVerdictsTest.stock, ValidationVerdictsTest.reused)) {
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < resources.size(); i++) {
                    validator.validateWithResult(resources.get(i), new ValidationOptions().addProfile(profiles.get(i)));
                }
                System.out.printf(
                        "validator-reuse: round %d %-6s %.3f ms CPU per resource%n",
                        round,
                        validator == ValidationVerdictsTest.stock ? "stock" : "reused",
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / resources.size());
            }
        }
    }
}
