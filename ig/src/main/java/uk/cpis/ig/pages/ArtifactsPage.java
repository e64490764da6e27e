package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.code;
import static uk.cpis.ig.html.Html.esc;
import static uk.cpis.ig.html.Html.link;

import java.util.ArrayList;
import java.util.List;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;

/** The index of everything in the package, grouped the way an integrator looks for it. */
public final class ArtifactsPage {

    public static final String FILE = "artifacts.html";

    private final FhirPackage fhirPackage;

    public ArtifactsPage(FhirPackage fhirPackage) {
        this.fhirPackage = fhirPackage;
    }

    public Page render() {
        StringBuilder body = new StringBuilder("<h1>Artifacts</h1>\n");
        body.append("<p>Everything in the FHIR package ")
                .append(code(fhirPackage.name() + "#" + fhirPackage.version()))
                .append(" (FHIR ")
                .append(esc(fhirPackage.fhirVersion()))
                .append(", canonical base ")
                .append(code(fhirPackage.canonical()))
                .append("). ")
                .append(link("package.tgz", "Download the package"))
                .append(" to load it into a validator.</p>\n");
        section(body, "profiles", "Profiles", fhirPackage.profiles());
        section(body, "extensions", "Extensions", fhirPackage.extensions());
        section(body, "codesystems", "Code systems", fhirPackage.conformance("CodeSystem"));
        section(body, "valuesets", "Value sets", fhirPackage.conformance("ValueSet"));
        section(body, "namingsystems", "Naming systems", fhirPackage.conformance("NamingSystem"));
        section(body, "searchparameters", "Search parameters", fhirPackage.conformance("SearchParameter"));
        section(body, "capabilitystatements", "Capability statements", fhirPackage.conformance("CapabilityStatement"));
        section(body, "examples", "Examples", fhirPackage.examples());
        return new Page(FILE, "Artifacts", body.toString());
    }

    private static void section(StringBuilder body, String id, String title, List<PackageResource> resources) {
        if (resources.isEmpty()) {
            return;
        }
        body.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        for (PackageResource resource : resources) {
            String about = resource.isExample()
                    ? examplesProfiles(resource)
                    : esc(firstParagraph(resource.text("description")));
            rows.add(List.of(
                    link(Links.pageOf(resource), resource.title()),
                    Html.wrappingCode(resource.url() == null ? resource.type() + "/" + resource.id() : resource.url()),
                    about));
        }
        body.append(Html.table(List.of("Name", resource(resources), "About"), rows));
    }

    private static String resource(List<PackageResource> resources) {
        return resources.get(0).isExample() ? "Resource" : "Canonical URL";
    }

    private static String examplesProfiles(PackageResource example) {
        List<String> profiles = new ArrayList<>();
        example.json()
                .path("meta")
                .path("profile")
                .forEach(p -> profiles.add(p.asText().replaceAll(".*/", "")));
        return profiles.isEmpty() ? "" : "Example of " + esc(String.join(", ", profiles));
    }

    private static String firstParagraph(String text) {
        int end = text.indexOf("\n\n");
        return (end < 0 ? text : text.substring(0, end)).replace('\n', ' ');
    }
}
