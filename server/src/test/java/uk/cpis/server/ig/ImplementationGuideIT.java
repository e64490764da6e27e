package uk.cpis.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.PostgresServerTest;

/** The implementation guide is served at /ig/ and every page it links to is there. */
class ImplementationGuideIT extends PostgresServerTest {

    private static final Pattern LINK = Pattern.compile("href=\"([^\"#?]+)(?:#[^\"]*)?\"");

    @Test
    void guideIsServedAtIgWithNoBrokenLinks() {
        Response index = anonymous().get("/ig/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.body().asString()).contains("CP-IS");

        Set<String> seen = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        toVisit.add("index.html");
        while (!toVisit.isEmpty()) {
            String page = toVisit.poll();
            if (!seen.add(page)) {
                continue;
            }
            Response response = anonymous().get("/ig/" + page);
            assertThat(response.statusCode()).as("/ig/" + page).isEqualTo(200);
            if (page.endsWith(".html")) {
                Matcher links = LINK.matcher(response.body().asString());
                while (links.find()) {
                    String target = links.group(1);
                    if (!target.contains(":") && !target.startsWith("/")) {
                        toVisit.add(target.startsWith("./") ? target.substring(2) : target);
                    }
                }
            }
        }
        assertThat(seen)
                .contains("StructureDefinition-cpis-patient.html", "package.tgz")
                .hasSizeGreaterThan(30);
    }

    @Test
    void igWithoutSlashRedirectsToTheGuide() {
        Response response = anonymous().redirects().follow(false).get("/ig");

        assertThat(response.statusCode()).isBetween(301, 308);
        assertThat(response.header("Location")).endsWith("/ig/");
    }
}
