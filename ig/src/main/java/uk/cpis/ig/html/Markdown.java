package uk.cpis.ig.html;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Narrative pages: CommonMark with GitHub tables and heading ids. Pages link to each other by their
 * source names ({@code workflows.md#ending-a-plan}) so they also read well on GitHub; those links
 * become {@code .html} here.
 */
public final class Markdown {

    /** A relative link to another markdown page, optionally with a fragment. */
    private static final Pattern MD_LINK = Pattern.compile("^([^:/?#][^:?#]*)\\.md(#.*)?$");

    private final Parser parser;
    private final HtmlRenderer renderer;

    /**
     * @param escapeHtml true for text taken from the package (descriptions, definitions), which is
     *     markdown but must not bring its own HTML into the page; false for our own pages
     */
    public Markdown(boolean escapeHtml) {
        List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(escapeHtml)
                .build();
    }

    /** A rendered page: its title (the first level-1 heading) and its HTML body. */
    public record Rendered(String title, String html) {}

    public Rendered render(String markdown, String fallbackTitle) {
        Node document = parser.parse(markdown);
        TitleAndLinks visitor = new TitleAndLinks();
        document.accept(visitor);
        String title = visitor.title == null ? fallbackTitle : visitor.title;
        return new Rendered(title, renderer.render(document));
    }

    static String rewrite(String destination) {
        Matcher matcher = MD_LINK.matcher(destination);
        if (!matcher.matches()) {
            return destination;
        }
        return matcher.group(1) + ".html" + (matcher.group(2) == null ? "" : matcher.group(2));
    }

    private static final class TitleAndLinks extends AbstractVisitor {
        private String title;

        @Override
        public void visit(Link link) {
            link.setDestination(rewrite(link.getDestination()));
            visitChildren(link);
        }

        @Override
        public void visit(Heading heading) {
            if (title == null && heading.getLevel() == 1) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text node) {
                        text.append(node.getLiteral());
                    }

                    @Override
                    public void visit(Code node) {
                        text.append(node.getLiteral());
                    }
                });
                title = text.toString();
            }
            visitChildren(heading);
        }
    }
}
