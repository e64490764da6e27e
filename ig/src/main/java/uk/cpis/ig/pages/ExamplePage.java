package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.esc;
import static uk.cpis.ig.html.Html.link;

import java.util.ArrayList;
import java.util.List;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;

/** One example resource of the package, shown as JSON, with links to the profiles it claims. */
public final class ExamplePage {

    private final Links links;

    public ExamplePage(Links links) {
        this.links = links;
    }

    public Page render(PackageResource example) {
        String title = "Example " + example.type() + "/" + example.id();
        StringBuilder body = new StringBuilder("<h1>").append(esc(title)).append("</h1>\n");
        List<String> profiles = new ArrayList<>();
        example.json().path("meta").path("profile").forEach(p -> profiles.add(links.linkTo(p.asText())));
        if (!profiles.isEmpty()) {
            body.append("<p>Conforms to ").append(String.join(", ", profiles)).append(".</p>\n");
        }
        body.append("<p>")
                .append(link(example.jsonName(), "Download " + example.jsonName()))
                .append("</p>\n");
        body.append("<pre><code class=\"language-json\">")
                .append(esc(FhirPackage.pretty(example.json())))
                .append("</code></pre>\n");
        return new Page(example.pageName(), title, body.toString());
    }
}
