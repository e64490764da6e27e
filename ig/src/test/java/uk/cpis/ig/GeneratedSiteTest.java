package uk.cpis.ig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Layout;
import uk.cpis.ig.pages.Links;

/**
 * The guide this build rendered into {@code target/classes/static/ig} (the exec plugin runs before
 * the tests): every page is there, no relative link is broken, each profile page lists its invariants.
 */
class GeneratedSiteTest {

    private final Path site = Path.of(System.getProperty("cpis.ig.site", "target/classes/static/ig"));
    private final Path pages = Path.of(System.getProperty("cpis.ig.pages", "pages"));

    @Test
    void everyNarrativePageIsRendered() throws IOException {
        try (Stream<Path> files = Files.list(pages)) {
            List<String> sources = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".md"))
                    .toList();
            assertThat(sources)
                    .contains(
                            "index.md",
                            "actors.md",
                            "workflows.md",
                            "security.md",
                            "data-minimisation.md",
                            "error-codes.md",
                            "validation.md");
            for (String source : sources) {
                assertThat(site.resolve(source.replaceFirst("\\.md$", ".html"))).isRegularFile();
            }
        }
        for (Layout.NavItem item : Layout.GENERATED) {
            assertThat(site.resolve(item.href())).isRegularFile();
        }
    }

    @Test
    void everyArtifactOfThePackageHasItsPage() throws IOException {
        FhirPackage fhirPackage = servedPackage();
        assertThat(fhirPackage.profiles()).isNotEmpty();
        for (PackageResource resource : fhirPackage.resources()) {
            String page = Links.pageOf(resource).replaceFirst("#.*", "");
            assertThat(site.resolve(page)).as(resource.path()).isRegularFile();
            assertThat(site.resolve(resource.jsonName())).as(resource.path()).isRegularFile();
        }
    }

    @Test
    void eachProfilePageListsItsInvariants() throws IOException {
        FhirPackage fhirPackage = servedPackage();
        int invariants = 0;
        for (PackageResource sd : fhirPackage.conformance("StructureDefinition")) {
            String html = Files.readString(site.resolve(sd.pageName()), StandardCharsets.UTF_8);
            assertThat(html).as(sd.pageName()).contains("<h2 id=\"constraints\">Constraints</h2>");
            for (JsonNode element : sd.json().path("differential").path("element")) {
                for (JsonNode constraint : element.path("constraint")) {
                    invariants++;
                    assertThat(html)
                            .as(sd.pageName())
                            .contains(
                                    "id=\"constraint-" + constraint.path("key").asText() + "\"")
                            .contains(escaped(constraint.path("human").asText()))
                            .contains(escaped(constraint.path("expression").asText()));
                }
            }
        }
        assertThat(invariants).as("invariants in the package's profiles").isPositive();
    }

    @Test
    void noBrokenLinks() throws IOException {
        assertThat(SiteChecks.htmlPages(site)).hasSizeGreaterThan(10);
        assertThat(SiteChecks.brokenLinks(site)).isEmpty();
    }

    @Test
    void allLinksAreRelative() throws IOException {
        for (Path page : SiteChecks.htmlPages(site)) {
            assertThat(SiteChecks.relativeLinks(Files.readString(page, StandardCharsets.UTF_8)))
                    .as(page.getFileName().toString())
                    .noneMatch(href -> href.startsWith("/"));
        }
    }

    private FhirPackage servedPackage() throws IOException {
        return FhirPackage.read(Files.readAllBytes(site.resolve("package.tgz")));
    }

    private static String escaped(String text) {
        return uk.cpis.ig.html.Html.esc(text);
    }
}
