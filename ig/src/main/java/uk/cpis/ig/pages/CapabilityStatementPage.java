package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.code;
import static uk.cpis.ig.html.Html.esc;
import static uk.cpis.ig.html.Html.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;
import uk.cpis.ig.html.Markdown;

/** The CP-IS CapabilityStatement(s): per resource type, the profile, interactions and searches. */
public final class CapabilityStatementPage {

    public static final String FILE = "capability-statement.html";

    private final FhirPackage fhirPackage;
    private final Links links;
    private final Markdown markdown;

    public CapabilityStatementPage(FhirPackage fhirPackage, Links links, Markdown markdown) {
        this.fhirPackage = fhirPackage;
        this.links = links;
        this.markdown = markdown;
    }

    public Page render() {
        StringBuilder body = new StringBuilder("<h1>CapabilityStatement</h1>\n");
        body.append("<p>What the CP-IS server is required to support, as published in the package. The")
                .append(" running server describes itself at <code>GET /fhir/metadata</code>.</p>\n");
        List<PackageResource> statements = fhirPackage.conformance("CapabilityStatement");
        if (statements.isEmpty()) {
            body.append("<p>The package has no CapabilityStatement.</p>\n");
        }
        for (PackageResource cs : statements) {
            body.append("<h2 id=\"")
                    .append(Html.anchor(cs.baseName()))
                    .append("\">")
                    .append(esc(cs.title()))
                    .append("</h2>\n");
            body.append(markdown.render(cs.text("description"), "").html());
            body.append(Html.keyValueTable(List.of(
                    List.of("Canonical URL", code(cs.url())),
                    List.of("Kind / status", esc(cs.text("kind") + " / " + cs.text("status"))),
                    List.of("FHIR version", esc(cs.text("fhirVersion"))),
                    List.of("Formats", esc(joined(cs.json().path("format")))),
                    List.of("Download", link(cs.jsonName(), cs.jsonName())))));
            for (JsonNode rest : cs.json().path("rest")) {
                body.append(rest(rest));
            }
        }
        return new Page(FILE, "CapabilityStatement", body.toString());
    }

    private String rest(JsonNode rest) {
        StringBuilder out = new StringBuilder();
        out.append("<h3>Mode: ").append(esc(rest.path("mode").asText())).append("</h3>\n");
        out.append(markdown.render(rest.path("documentation").asText(""), "").html());
        JsonNode security = rest.path("security");
        if (!security.isMissingNode()) {
            out.append("<p><strong>Security:</strong></p>\n")
                    .append(markdown.render(security.path("description").asText(""), "")
                            .html());
        }
        List<String> system = new ArrayList<>();
        rest.path("interaction").forEach(i -> system.add(i.path("code").asText()));
        if (!system.isEmpty()) {
            out.append("<p>System interactions: ")
                    .append(code(String.join(", ", system)))
                    .append("</p>\n");
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode resource : rest.path("resource")) {
            List<String> profiles = new ArrayList<>();
            if (resource.has("profile")) {
                profiles.add(links.linkTo(resource.path("profile").asText()));
            }
            resource.path("supportedProfile").forEach(p -> profiles.add(links.linkTo(p.asText())));
            List<String> interactions = new ArrayList<>();
            resource.path("interaction")
                    .forEach(i -> interactions.add(code(i.path("code").asText()) + documentation(i)));
            List<String> searches = new ArrayList<>();
            resource.path("searchParam").forEach(p -> searches.add(searchParam(p)));
            resource.path("searchInclude").forEach(p -> searches.add("_include=" + code(p.asText())));
            resource.path("operation")
                    .forEach(p -> searches.add(
                            "operation " + code("$" + p.path("name").asText()) + documentation(p)));
            rows.add(List.of(
                    "<strong>" + esc(resource.path("type").asText()) + "</strong>"
                            + markdown.render(resource.path("documentation").asText(""), "")
                                    .html(),
                    String.join("<br>", profiles),
                    String.join("<br>", interactions),
                    String.join("<br>", searches)));
        }
        if (!rows.isEmpty()) {
            out.append(Html.table(List.of("Resource", "Profiles", "Interactions", "Searches and operations"), rows));
        }
        List<String> operations = new ArrayList<>();
        rest.path("operation")
                .forEach(p -> operations.add(code("$" + p.path("name").asText()) + documentation(p)));
        if (!operations.isEmpty()) {
            out.append("<p>System operations: ")
                    .append(String.join(", ", operations))
                    .append("</p>\n");
        }
        return out.toString();
    }

    /** A search parameter, linked to its definition when CP-IS defines it. */
    private String searchParam(JsonNode param) {
        String name = code(param.path("name").asText());
        String linked = links.href(param.path("definition").asText(null))
                .filter(href -> !href.startsWith("http"))
                .map(href -> "<a href=\"" + esc(href) + "\">" + name + "</a>")
                .orElse(name);
        return linked + " <span class=\"muted\">(" + esc(param.path("type").asText()) + ")</span>"
                + documentation(param);
    }

    private static String documentation(JsonNode node) {
        String text = node.path("documentation").asText("");
        return text.isEmpty() ? "" : " – " + esc(text);
    }

    private static String joined(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }
}
