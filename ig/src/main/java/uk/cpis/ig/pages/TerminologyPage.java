package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.code;
import static uk.cpis.ig.html.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;
import uk.cpis.ig.html.Markdown;

/** All CodeSystems (with their codes), ValueSets (with what they include) and NamingSystems. */
public final class TerminologyPage {

    public static final String FILE = "terminology.html";

    private final FhirPackage fhirPackage;
    private final Links links;
    private final Markdown markdown;

    public TerminologyPage(FhirPackage fhirPackage, Links links, Markdown markdown) {
        this.fhirPackage = fhirPackage;
        this.links = links;
        this.markdown = markdown;
    }

    public Page render() {
        StringBuilder body = new StringBuilder("<h1>Terminology</h1>\n");
        body.append("<p>The code systems, value sets and naming systems of the package. SNOMED CT concepts")
                .append(" are used as published by NHS England; CP-IS defines its own codes only where no")
                .append(" national code exists.</p>\n");

        body.append("<h2 id=\"codesystems\">Code systems</h2>\n");
        for (PackageResource cs : fhirPackage.conformance("CodeSystem")) {
            body.append(heading(cs));
            List<List<String>> concepts = new ArrayList<>();
            addConcepts(cs.json().path("concept"), 0, concepts);
            body.append(
                    concepts.isEmpty()
                            ? "<p>No codes listed (content: " + esc(cs.text("content")) + ").</p>\n"
                            : Html.table(List.of("Code", "Display", "Definition"), concepts));
        }

        body.append("<h2 id=\"valuesets\">Value sets</h2>\n");
        for (PackageResource vs : fhirPackage.conformance("ValueSet")) {
            body.append(heading(vs)).append(compose(vs.json().path("compose")));
        }

        List<PackageResource> namingSystems = fhirPackage.conformance("NamingSystem");
        if (!namingSystems.isEmpty()) {
            body.append("<h2 id=\"namingsystems\">Naming systems</h2>\n");
            for (PackageResource ns : namingSystems) {
                body.append(heading(ns));
                List<List<String>> ids = new ArrayList<>();
                ns.json()
                        .path("uniqueId")
                        .forEach(id -> ids.add(List.of(
                                esc(id.path("type").asText()),
                                code(id.path("value").asText()),
                                esc(id.path("preferred").asText("")))));
                body.append(Html.table(List.of("Type", "Value", "Preferred"), ids));
            }
        }
        return new Page(FILE, "Terminology", body.toString());
    }

    private String heading(PackageResource resource) {
        StringBuilder out = new StringBuilder();
        out.append("<h3 id=\"")
                .append(Html.anchor(resource.baseName()))
                .append("\">")
                .append(esc(resource.title()))
                .append(" <span class=\"muted\">(")
                .append(esc(resource.type()))
                .append(")</span></h3>\n");
        if (resource.url() != null) {
            out.append("<p>").append(code(resource.url())).append("</p>\n");
        }
        out.append(markdown.render(resource.text("description"), "").html());
        return out.toString();
    }

    private static void addConcepts(JsonNode concepts, int depth, List<List<String>> rows) {
        for (JsonNode concept : concepts) {
            String indent = "&nbsp;&nbsp;".repeat(depth);
            rows.add(List.of(
                    indent + code(concept.path("code").asText()),
                    esc(concept.path("display").asText("")),
                    esc(concept.path("definition").asText(""))));
            addConcepts(concept.path("concept"), depth + 1, rows);
        }
    }

    private String compose(JsonNode compose) {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {"include", "exclude"}) {
            for (JsonNode rule : compose.path(part)) {
                String system = rule.path("system").asText("");
                out.append("<p>")
                        .append(part.equals("include") ? "Includes" : "Excludes")
                        .append(' ');
                if (rule.has("concept")) {
                    out.append("these codes from ")
                            .append(links.fullLink(system))
                            .append(":</p>\n");
                    List<List<String>> rows = new ArrayList<>();
                    rule.path("concept")
                            .forEach(c -> rows.add(List.of(
                                    code(c.path("code").asText()),
                                    esc(c.path("display").asText("")))));
                    out.append(Html.table(List.of("Code", "Display"), rows));
                } else if (rule.has("filter")) {
                    List<String> filters = new ArrayList<>();
                    rule.path("filter")
                            .forEach(f -> filters.add(code(f.path("property").asText() + " "
                                    + f.path("op").asText() + " "
                                    + f.path("value").asText())));
                    out.append("codes from ")
                            .append(links.fullLink(system))
                            .append(" where ")
                            .append(String.join(" and ", filters))
                            .append(".</p>\n");
                } else if (!system.isEmpty()) {
                    out.append("all codes of ").append(links.fullLink(system)).append(".</p>\n");
                } else {
                    List<String> valueSets = new ArrayList<>();
                    rule.path("valueSet").forEach(v -> valueSets.add(links.fullLink(v.asText())));
                    out.append("the codes of ")
                            .append(String.join(", ", valueSets))
                            .append(".</p>\n");
                }
            }
        }
        return out.toString();
    }
}
