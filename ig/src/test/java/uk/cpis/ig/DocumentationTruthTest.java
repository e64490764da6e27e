package uk.cpis.ig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.cpis.ig.fhirpackage.FhirPackage;

/**
 * The guide does not call "planned" what works: a line of a page that says "planned" may not name a
 * resource type or operation the CP-IS CapabilityStatement serves, nor a workflow the workflows page
 * lists as working (notifications, subscriptions, missed appointments, the register...).
 */
class DocumentationTruthTest {

    /** What the workflows page's "What works today" table says works, in the words pages use for it. */
    private static final List<String> WORKING_FEATURES = List.of(
            "notif",
            "subscri",
            "missed",
            "appointment",
            "repeat-attendance",
            "access history",
            "look-up",
            "look up",
            "board",
            "sharing agreement",
            "statistic",
            "signator",
            "purge",
            "careteam");

    @Test
    void noPageCallsPlannedWhatWorks() throws IOException {
        List<String> served = new ArrayList<>(WORKING_FEATURES);
        FhirPackage cpis = FhirPackage.load("classpath:cpis-package/package.tgz");
        JsonNode capabilities = cpis.conformance("CapabilityStatement").get(0).json();
        for (JsonNode rest : capabilities.path("rest")) {
            for (JsonNode resource : rest.path("resource")) {
                served.add(resource.path("type").asText().toLowerCase(Locale.ROOT));
            }
        }
        served.add("$cpis-");
        assertThat(served).contains("subscription", "appointment", "flag");

        List<String> untrue = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of(System.getProperty("cpis.ig.pages")))) {
            for (Path page :
                    pages.filter(path -> path.toString().endsWith(".md")).toList()) {
                List<String> lines = Files.readAllLines(page);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).toLowerCase(Locale.ROOT);
                    String where = page.getFileName() + ":" + (i + 1);
                    if (line.contains("planned")) {
                        served.stream()
                                .filter(line::contains)
                                .findFirst()
                                .ifPresent(feature -> untrue.add(where + " calls planned something that works ("
                                        + feature + "): " + line.strip()));
                    }
                }
            }
        }
        assertThat(untrue).isEmpty();
    }
}
