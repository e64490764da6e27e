package uk.cpis.ig.html;

import java.util.List;

/** Tiny HTML helpers for generated pages; every piece of package text goes through {@link #esc}. */
public final class Html {

    private Html() {}

    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    public static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    /** Code that may break anywhere: long URLs and JSON values, which would otherwise widen tables. */
    public static String wrappingCode(String text) {
        return "<code class=\"wrap\">" + esc(text) + "</code>";
    }

    /** A table whose cells are already HTML (callers escape what they put in). */
    public static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
        headers.forEach(header -> out.append("<th>").append(esc(header)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(cell).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** A two-column table of labels (plain text) and values (HTML), without a header row. */
    public static String keyValueTable(List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr><th>")
                    .append(esc(row.get(0)))
                    .append("</th><td>")
                    .append(row.get(1))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** Anchor ids for sections of generated pages, e.g. {@code ValueSet-cpis-plan-type}. */
    public static String anchor(String text) {
        return text.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}
