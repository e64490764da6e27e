package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.code;
import static uk.cpis.ig.html.Html.esc;

import java.util.ArrayList;
import java.util.List;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;

/**
 * The search parameters CP-IS adds: R4 has none for Flag code, status or category, nor for the
 * local authority an AuditEvent is about, and the workflows need them.
 */
public final class SearchParametersPage {

    public static final String FILE = "search-parameters.html";

    private final FhirPackage fhirPackage;

    public SearchParametersPage(FhirPackage fhirPackage) {
        this.fhirPackage = fhirPackage;
    }

    public Page render() {
        StringBuilder body = new StringBuilder("<h1>Search parameters</h1>\n");
        body.append("<p>Search parameters defined by CP-IS, in addition to those of FHIR R4. Use them as")
                .append(" <code>GET /fhir/{base}?{code}={value}</code>.</p>\n");
        List<List<String>> rows = new ArrayList<>();
        for (PackageResource sp : fhirPackage.conformance("SearchParameter")) {
            List<String> bases = new ArrayList<>();
            sp.json().path("base").forEach(b -> bases.add(b.asText()));
            rows.add(List.of(
                    "<span id=\"" + Html.anchor(sp.baseName()) + "\">" + code(sp.text("code")) + "</span>",
                    esc(String.join(", ", bases)),
                    esc(sp.text("type")),
                    Html.wrappingCode(sp.text("expression")),
                    esc(sp.text("description")) + "<br><span class=\"muted\">" + esc(sp.url()) + "</span>"));
        }
        body.append(
                rows.isEmpty()
                        ? "<p>The package defines no search parameters.</p>\n"
                        : Html.table(List.of("Code", "Base", "Type", "Expression", "Description and URL"), rows));
        return new Page(FILE, "Search parameters", body.toString());
    }
}
