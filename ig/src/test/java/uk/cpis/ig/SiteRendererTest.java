package uk.cpis.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.cpis.ig.fhirpackage.FhirPackage;

/**
 * The renderer against a small hand-made package ({@code test-package.tgz}, made from
 * {@code test-package/} with {@code tar czf test-package.tgz package}) and two small pages, so it is
 * tested whatever state the real profiles are in.
 */
class SiteRendererTest {

    @TempDir
    static Path site;

    static FhirPackage fhirPackage;

    @BeforeAll
    static void render() throws Exception {
        fhirPackage = FhirPackage.load("classpath:test-package.tgz");
        new Site(fhirPackage, resource("test-pages")).writeTo(site);
    }

    @Test
    void readsThePackage() {
        assertThat(fhirPackage.name()).isEqualTo("uk.cpis.fhir");
        assertThat(fhirPackage.profiles()).extracting(r -> r.id()).containsExactly("cpis-flag", "cpis-patient");
        assertThat(fhirPackage.extensions()).extracting(r -> r.id()).containsExactly("cpis-test-extension");
        assertThat(fhirPackage.examples())
                .extracting(r -> r.path())
                .containsExactly("package/example/Flag-example-cpp.json", "package/example/Patient-example-child.json");
    }

    @Test
    void writesEveryPage() {
        assertThat(site.resolve("index.html")).isRegularFile();
        assertThat(site.resolve("other.html")).isRegularFile();
        for (String page : new String[] {
            "StructureDefinition-cpis-patient",
            "StructureDefinition-cpis-flag",
            "StructureDefinition-cpis-test-extension",
            "Patient-example-child",
            "Flag-example-cpp"
        }) {
            assertThat(site.resolve(page + ".html")).isRegularFile();
            assertThat(site.resolve(page + ".json")).isRegularFile();
        }
        for (String page : new String[] {"terminology", "search-parameters", "capability-statement", "artifacts"}) {
            assertThat(site.resolve(page + ".html")).isRegularFile();
        }
        assertThat(site.resolve("package.tgz")).hasBinaryContent(fhirPackage.bytes());
    }

    @Test
    void markdownLinksBecomeHtmlLinks() throws IOException {
        String index = read("index.html");
        assertThat(index)
                .contains("href=\"other.html\"", "href=\"other.html#second-section\"")
                .contains("href=\"StructureDefinition-cpis-patient.html\"")
                .contains("<title>Test guide – CP-IS implementation guide</title>")
                .doesNotContain(".md\"");
        assertThat(read("other.html")).contains("<table>", "id=\"second-section\"", "<title>The other page");
    }

    @Test
    void profilePageListsElementsConstraintsAndExamples() throws IOException {
        String patient = read("StructureDefinition-cpis-patient.html");
        assertThat(patient)
                .contains(
                        "<code>Patient.<wbr>identifier:<wbr>nhsNumber</code>", "1..1", "sliced by value:system (open)")
                .contains("fixed: <code class=\"wrap\">&quot;https://fhir.nhs.uk/Id/nhs-number&quot;</code>")
                .contains("cpis-nhs-1", "NHS number: 10 digits with a valid modulus-11 check digit")
                .contains("value.matches(&#39;^[0-9]{10}$&#39;)")
                .contains("Date of birth &lt;always known&gt;")
                .contains("<strong>verified</strong>")
                .contains(
                        "href=\"Patient-example-child.html\"", "href=\"StructureDefinition-cpis-test-extension.html\"")
                .contains("href=\"https://hl7.org/fhir/R4/patient.html\"");

        String flag = read("StructureDefinition-cpis-flag.html");
        assertThat(flag)
                .contains("cpis-flag-1", "cpis-flag-2", "status = &#39;inactive&#39; implies period.end.exists()")
                .contains("href=\"terminology.html#ValueSet-cpis-plan-type\"", "(required)")
                .contains("Reference(<a href=\"StructureDefinition-cpis-patient.html\">cpis-patient</a>)")
                .contains("href=\"Flag-example-cpp.html\"");

        String extension = read("StructureDefinition-cpis-test-extension.html");
        assertThat(extension)
                .contains("Extension: CP-IS test extension", "<code>Flag</code>")
                .contains("No constraints of its own", "href=\"Patient-example-child.html\"");
    }

    @Test
    void generatedPagesDescribeTheRestOfThePackage() throws IOException {
        assertThat(read("terminology.html"))
                .contains("id=\"CodeSystem-cpis-reject-reason\"", "nhs-number-invalid", "nested")
                .contains("id=\"ValueSet-cpis-plan-type\"", "764841000000100", "Looked after child")
                .contains("all codes of <a href=\"terminology.html#CodeSystem-cpis-reject-reason\">")
                .contains("id=\"NamingSystem-nhs-number\"");
        assertThat(read("search-parameters.html")).contains("id=\"SearchParameter-Flag-code\"", "Flag.code", "token");
        assertThat(read("capability-statement.html"))
                .contains("transaction, batch", "search-type", "by patient:identifier", "Flag:author", "$validate")
                .contains("href=\"StructureDefinition-cpis-flag.html\"")
                .contains("<a href=\"search-parameters.html#SearchParameter-Flag-code\"><code>code</code></a>");
        assertThat(read("artifacts.html")).contains("Profiles", "Extensions", "Examples", "Example of cpis-flag");
        assertThat(read("Patient-example-child.html")).contains("9990000026", "href=\"Patient-example-child.json\"");
    }

    @Test
    void noBrokenLinks() throws IOException {
        assertThat(SiteChecks.brokenLinks(site)).isEmpty();
    }

    @Test
    void aMarkdownPageMayNotHideAGeneratedPage(@TempDir Path pages, @TempDir Path out) throws IOException {
        Files.writeString(pages.resolve("terminology.md"), "# Mine\n");
        assertThatThrownBy(() -> new Site(fhirPackage, pages).writeTo(out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminology.html");
    }

    private static String read(String file) throws IOException {
        return Files.readString(site.resolve(file), StandardCharsets.UTF_8);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SiteRendererTest.class.getClassLoader().getResource(name).toURI());
    }
}
