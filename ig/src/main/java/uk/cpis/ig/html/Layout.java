package uk.cpis.ig.html;

import static uk.cpis.ig.html.Html.esc;

import java.util.List;

/**
 * The frame of every page: title, navigation bar and a small inline stylesheet. All links are
 * relative file names, so the guide works served at {@code /ig/} and opened from disk alike.
 */
public final class Layout {

    /** A navigation entry: the page file and its label. */
    public record NavItem(String href, String label) {}

    /** The narrative pages in the bar, in this order, when they exist; other pages are linked from these. */
    public static final List<NavItem> NARRATIVE = List.of(
            new NavItem("index.html", "Home"),
            new NavItem("actors.html", "Actors"),
            new NavItem("workflows.html", "Workflows"),
            new NavItem("security.html", "Security and audit"),
            new NavItem("data-minimisation.html", "Data minimisation"),
            new NavItem("error-codes.html", "Error codes"),
            new NavItem("validation.html", "Validation"),
            new NavItem("national-api.html", "National API parity"));

    /** Generated from the package, always present. */
    public static final List<NavItem> GENERATED = List.of(
            new NavItem("artifacts.html", "Artifacts"),
            new NavItem("terminology.html", "Terminology"),
            new NavItem("search-parameters.html", "Search parameters"),
            new NavItem("capability-statement.html", "CapabilityStatement"),
            new NavItem("package.tgz", "Download package"));

    private static final String CSS = """
			body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1d2125;line-height:1.5}
			header{background:#005eb8;color:#fff;padding:.6rem 1.5rem}
			header .brand{font-weight:600;font-size:1.1rem;color:#fff;text-decoration:none}
			header .pkg{opacity:.85;font-size:.85rem;margin-left:.8rem}
			nav{background:#e8edee;padding:.4rem 1.5rem;border-bottom:1px solid #c8ccce}
			nav a{margin-right:1rem;color:#003087;text-decoration:none;white-space:nowrap;display:inline-block}
			nav a.active{font-weight:700;text-decoration:underline}
			main{max-width:72rem;padding:1rem 1.5rem 3rem}
			h1{color:#003087}h2,h3{color:#003087;margin-top:1.8rem}
			table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
			th,td{border:1px solid #c8ccce;padding:.3rem .5rem;vertical-align:top;text-align:left}
			th{background:#f0f4f5}
			code.wrap{overflow-wrap:anywhere}
			code{background:#f0f4f5;padding:0 .2rem;border-radius:3px;font-size:.9em}
			pre{background:#f6f8f9;border:1px solid #d8dde0;padding:.7rem;overflow-x:auto;font-size:.85rem}
			pre code{background:none;padding:0}
			blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #ffb81c;background:#fff9e6}
			.muted{color:#5f6b73}.error{color:#d5281b;font-weight:600}.warning{color:#8a5a00;font-weight:600}
			footer{border-top:1px solid #c8ccce;padding:.8rem 1.5rem;color:#5f6b73;font-size:.85rem}
			""";

    private final String packageLabel;
    private final List<NavItem> nav;

    /**
     * @param packageLabel shown in the header, e.g. {@code uk.cpis.fhir#0.1.0}
     * @param nav the navigation bar, the same on every page
     */
    public Layout(String packageLabel, List<NavItem> nav) {
        this.packageLabel = packageLabel;
        this.nav = List.copyOf(nav);
    }

    public String page(String fileName, String title, String bodyHtml) {
        StringBuilder bar = new StringBuilder();
        for (NavItem item : nav) {
            String active = item.href().equals(fileName) ? " class=\"active\"" : "";
            bar.append("<a href=\"")
                    .append(item.href())
                    .append('"')
                    .append(active)
                    .append('>')
                    .append(esc(item.label()))
                    .append("</a>\n");
        }
        return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s – CP-IS implementation guide</title>
				<style>
				%s</style>
				</head>
				<body>
				<header><a class="brand" href="index.html">CP-IS FHIR implementation guide</a><span class="pkg">%s · FHIR R4</span></header>
				<nav>
				%s</nav>
				<main>
				%s
				</main>
				<footer>Child Protection – Information Sharing (CP-IS). Generated from the FHIR package %s and the pages in <code>ig/pages/</code>.</footer>
				</body>
				</html>
				""".formatted(esc(title), CSS, esc(packageLabel), bar, bodyHtml, esc(packageLabel));
    }
}
