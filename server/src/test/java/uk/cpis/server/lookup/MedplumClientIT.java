package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The loop driven by @medplum/core's MedplumClient ({@code src/test/js/medplum-loop.mjs}), including
 * {@code searchResourcePages}, which sends a next link's parameters to the searched type
 * ({@code /fhir/Patient?_getpages=…}) instead of following the link: that form must page, and only for
 * the caller who searched.
 */
class MedplumClientIT extends PostgresServerTest {

    @Test
    void medplumUploadsLooksUpReadsTheHistoryAndPages() throws Exception {
        String nhsNumber = NhsNumbers.next();
        Process node = new ProcessBuilder("node", "medplum-loop.mjs", serverRoot(), nhsNumber)
                .directory(new File("src/test/js"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();

        JsonPath saw = JsonPath.from(output);
        assertThat(saw.getList("upload", String.class)).containsExactly("201 Created", "201 Created");
        assertThat(saw.getList("plans", String.class)).containsExactly("342191000000101");
        assertThat(saw.getString("council")).isEqualTo("Medway Council");
        assertThat(saw.getList("lookupTypes", String.class)).contains("Patient", "Flag", "Organization");
        assertThat(saw.getInt("historyAccesses"))
                .as("the Flag search and $cpis-lookup")
                .isEqualTo(2);
        assertThat(saw.getString("fishing.diagnostics")).contains("NHS number");

        List<List<String>> pages = saw.getList("pages");
        assertThat(pages).as("Medway has more than two children").hasSizeGreaterThan(1);
        assertThat(pages.subList(0, pages.size() - 1))
                .allSatisfy(page -> assertThat(page).hasSize(2));
        List<String> ids = pages.stream().flatMap(List::stream).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(2);

        List<String> paging = saw.getList("pagingRequests", String.class);
        assertThat(paging).hasSize(pages.size());
        String nextPage = paging.get(1).substring("GET ".length());
        assertThat(nextPage).as("how medplum asks for a next page").startsWith("/fhir/Patient?_getpages=");

        // the same request by another council, or naming another type, is a search that does not exist
        httpAs("la-reading").get(nextPage).then().statusCode(404);
        httpAs("la-medway")
                .get(nextPage.replace("/fhir/Patient?", "/fhir/Flag?"))
                .then()
                .statusCode(404);
        // the typed form passes the same gate as the link: a clinician may not page at all
        httpAs("ed-clinician").get(nextPage).then().statusCode(403);
        httpAs("la-medway").get(nextPage).then().statusCode(200);
    }
}
