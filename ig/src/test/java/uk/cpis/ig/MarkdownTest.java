package uk.cpis.ig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.cpis.ig.html.Markdown;

class MarkdownTest {

    private final Markdown markdown = new Markdown(false);

    @Test
    void rewritesOnlyRelativeMarkdownLinks() {
        String html = markdown.render("""
				# Title
				[a](workflows.md) [b](workflow-upload.md#ending-a-plan) [c](https://example.org/readme.md)
				[d](terminology.html#x) [e](#local) [f](/abs/page.md)
				""", "fallback").html();
        assertThat(html)
                .contains("href=\"workflows.html\"", "href=\"workflow-upload.html#ending-a-plan\"")
                .contains("href=\"https://example.org/readme.md\"", "href=\"terminology.html#x\"", "href=\"#local\"")
                // Absolute paths are left alone (and reported by the link check).
                .contains("href=\"/abs/page.md\"");
    }

    @Test
    void titleIsTheFirstLevelOneHeading() {
        assertThat(markdown.render("Intro\n\n# The `Flag` look-up\n\n# Second", "x")
                        .title())
                .isEqualTo("The Flag look-up");
        assertThat(markdown.render("no heading", "fallback").title()).isEqualTo("fallback");
    }

    @Test
    void packageTextCannotBringItsOwnHtml() {
        assertThat(new Markdown(true).render("a <script>x</script> **b**", "").html())
                .contains("&lt;script&gt;", "<strong>b</strong>");
    }
}
