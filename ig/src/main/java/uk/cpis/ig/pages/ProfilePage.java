package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.code;
import static uk.cpis.ig.html.Html.esc;
import static uk.cpis.ig.html.Html.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;
import uk.cpis.ig.html.Markdown;

/**
 * One page per profile or extension: what it is, the element table of its differential (what CP-IS
 * changes from the base), its own constraints and its examples. The snapshot is only used to fill in
 * the cardinality and type of elements the differential mentions without restating them.
 */
public final class ProfilePage {

    /** A sentence ends at a full stop before a capital letter, but not at "e.g." or "i.e.". */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\be\\.g|\\bi\\.e)\\.\\s+(?=[A-Z])");

    private final FhirPackage fhirPackage;
    private final Links links;
    private final Markdown markdown;

    public ProfilePage(FhirPackage fhirPackage, Links links, Markdown markdown) {
        this.fhirPackage = fhirPackage;
        this.links = links;
        this.markdown = markdown;
    }

    public Page render(PackageResource sd) {
        JsonNode json = sd.json();
        StringBuilder body = new StringBuilder();
        String kind = sd.isExtension() ? "Extension" : "Profile";
        body.append("<h1>").append(esc(kind + ": " + sd.title())).append("</h1>\n");
        body.append(markdown.render(sd.text("description"), "").html());
        body.append(summary(sd));

        body.append("<h2 id=\"elements\">Elements (differential)</h2>\n");
        body.append("<p class=\"muted\">What this ")
                .append(kind.toLowerCase(java.util.Locale.ROOT))
                .append(" changes from its base. Cardinality and type come from the snapshot where the")
                .append(" differential does not restate them.</p>\n");
        body.append(elementTable(json));

        body.append("<h2 id=\"constraints\">Constraints</h2>\n");
        body.append(constraintTable(json));

        body.append("<h2 id=\"examples\">Examples</h2>\n");
        body.append(examples(sd));

        body.append("<h2 id=\"downloads\">Downloads</h2>\n<p>")
                .append(link(sd.jsonName(), sd.jsonName()))
                .append(" (the StructureDefinition with differential and snapshot), or the whole ")
                .append(link("package.tgz", "package"))
                .append(".</p>\n");
        return new Page(sd.pageName(), kind + ": " + sd.title(), body.toString());
    }

    private String summary(PackageResource sd) {
        JsonNode json = sd.json();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Canonical URL", code(sd.url())));
        rows.add(List.of("Version / status", esc(sd.text("version") + " / " + sd.text("status"))));
        rows.add(List.of("Base", links.fullLink(sd.text("baseDefinition"))));
        rows.add(List.of("Resource or type", esc(sd.text("type"))));
        if (sd.isExtension()) {
            List<String> contexts = new ArrayList<>();
            json.path("context")
                    .forEach(c -> contexts.add(code(c.path("expression").asText()) + " <span class=\"muted\">("
                            + esc(c.path("type").asText()) + ")</span>"));
            rows.add(List.of("Used on", String.join(", ", contexts)));
        }
        List<String> derived = fhirPackage.profiles().stream()
                .filter(other -> sd.url().equals(other.text("baseDefinition")))
                .map(other -> link(other.pageName(), other.title()))
                .toList();
        if (!derived.isEmpty()) {
            rows.add(List.of("Profiles built on this one", String.join(", ", derived)));
        }
        return Html.keyValueTable(rows);
    }

    private String elementTable(JsonNode sd) {
        Map<String, JsonNode> snapshot = new HashMap<>();
        sd.path("snapshot")
                .path("element")
                .forEach(e -> snapshot.put(e.path("id").asText(), e));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode element : sd.path("differential").path("element")) {
            JsonNode full = snapshot.getOrDefault(element.path("id").asText(), element);
            rows.add(List.of(
                    elementId(element),
                    esc(cardinality(element, full)),
                    types(element.has("type") ? element : full),
                    constraintsOn(element),
                    esc(element.path("short")
                                    .asText(firstSentence(
                                            element.path("definition").asText("")))
                            + (element.path("mustSupport").asBoolean(false) ? " (must support)" : ""))));
        }
        if (rows.isEmpty()) {
            return "<p>No differential elements.</p>\n";
        }
        return Html.table(List.of("Element", "Card.", "Type", "Binding, fixed value, slicing", "Description"), rows);
    }

    /** The element id, allowed to break after dots and colons so that long slice paths fit. */
    private static String elementId(JsonNode element) {
        String id = esc(element.path("id").asText(element.path("path").asText()));
        return "<code>" + id.replace(".", ".<wbr>").replace(":", ":<wbr>") + "</code>";
    }

    private static String cardinality(JsonNode element, JsonNode full) {
        String min = element.has("min")
                ? element.path("min").asText()
                : full.path("min").asText("");
        String max = element.has("max")
                ? element.path("max").asText()
                : full.path("max").asText("");
        return min.isEmpty() && max.isEmpty() ? "" : min + ".." + max;
    }

    private String types(JsonNode element) {
        List<String> types = new ArrayList<>();
        for (JsonNode type : element.path("type")) {
            String name = type.path("code").asText();
            List<String> targets = new ArrayList<>();
            type.path("targetProfile").forEach(p -> targets.add(links.linkTo(p.asText())));
            type.path("profile").forEach(p -> targets.add(links.linkTo(p.asText())));
            types.add(esc(name) + (targets.isEmpty() ? "" : "(" + String.join(" | ", targets) + ")"));
        }
        return String.join(", ", types);
    }

    /** Binding, fixed[x] and pattern[x] values and slicing of one differential element. */
    private String constraintsOn(JsonNode element) {
        List<String> parts = new ArrayList<>();
        JsonNode binding = element.path("binding");
        if (binding.has("valueSet")) {
            parts.add(links.linkTo(binding.path("valueSet").asText()) + " <span class=\"muted\">("
                    + esc(binding.path("strength").asText()) + ")</span>");
        }
        for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("fixed") || name.startsWith("pattern")) {
                String label = name.startsWith("fixed") ? "fixed" : "pattern";
                parts.add(label + ": " + Html.wrappingCode(FhirPackage.compact(element.get(name))));
            }
        }
        JsonNode slicing = element.path("slicing");
        if (!slicing.isMissingNode()) {
            List<String> discriminators = new ArrayList<>();
            slicing.path("discriminator")
                    .forEach(d -> discriminators.add(
                            d.path("type").asText() + ":" + d.path("path").asText()));
            parts.add("sliced by " + esc(String.join(", ", discriminators)) + " ("
                    + esc(slicing.path("rules").asText("open")) + ")");
        }
        return String.join("<br>", parts);
    }

    private static String constraintTable(JsonNode sd) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode element : sd.path("differential").path("element")) {
            for (JsonNode constraint : element.path("constraint")) {
                String severity = constraint.path("severity").asText();
                rows.add(List.of(
                        "<span id=\""
                                + Html.anchor(
                                        "constraint-" + constraint.path("key").asText()) + "\">"
                                + code(constraint.path("key").asText()) + "</span>",
                        "<span class=\"" + ("error".equals(severity) ? "error" : "warning") + "\">" + esc(severity)
                                + "</span>",
                        code(element.path("id").asText(element.path("path").asText())),
                        esc(constraint.path("human").asText()),
                        Html.wrappingCode(constraint.path("expression").asText())));
            }
        }
        if (rows.isEmpty()) {
            return "<p>No constraints of its own beyond cardinality, types and bindings"
                    + " (the base definition's constraints still apply).</p>\n";
        }
        return Html.table(List.of("Key", "Severity", "On element", "Rule", "FHIRPath expression"), rows)
                + "<p class=\"muted\">The base definition's own constraints (such as ele-1) apply as well.</p>\n";
    }

    private String examples(PackageResource sd) {
        List<PackageResource> examples =
                sd.isExtension() ? fhirPackage.examplesUsing(sd.url()) : fhirPackage.examplesOf(sd.url());
        if (examples.isEmpty()) {
            return "<p>No example in the package.</p>\n";
        }
        StringBuilder list = new StringBuilder("<ul>\n");
        for (PackageResource example : examples) {
            list.append("<li>")
                    .append(link(example.pageName(), example.type() + "/" + example.id()))
                    .append(" (")
                    .append(link(example.jsonName(), "JSON"))
                    .append(")</li>\n");
        }
        return list.append("</ul>\n").toString();
    }

    static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start() + 1) : text;
    }
}
