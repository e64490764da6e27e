package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The loop driven by a JavaScript FHIR client a vendor would use ({@code fhir-kit-client}, see
 * {@code src/test/js/vendor-loop.mjs}), not only by HAPI's Java client: if a standard client cannot
 * upload, look up or read the history as the IG says, this fails.
 */
class VendorClientIT extends PostgresServerTest {

    @Test
    void aStandardJavaScriptFhirClientUploadsLooksUpAndReadsTheHistory() throws Exception {
        String nhsNumber = NhsNumbers.next();
        Process node = new ProcessBuilder("node", "vendor-loop.mjs", serverRoot(), nhsNumber)
                .directory(new File("src/test/js"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();

        JsonPath saw = JsonPath.from(output);
        assertThat(saw.getList("firstUpload", String.class)).containsExactly("201 Created", "201 Created");
        assertThat(saw.getList("secondUpload", String.class))
                .as("the same upload again changes nothing")
                .containsExactly("200 OK", "200 OK");
        assertThat(saw.getList("plans", String.class)).containsExactly("342191000000101");
        assertThat(saw.getString("council")).isEqualTo("Medway Council");
        assertThat(saw.getList("councilPhones", String.class)).containsExactlyInAnyOrder("work", "mobile");
        assertThat(saw.getList("lookupTypes", String.class)).contains("Patient", "Flag", "Organization");
        assertThat(saw.getList("careTeams", String.class)).containsExactly("Medway Council");
        assertThat(saw.getInt("historyAccesses"))
                .as("the Flag search, $cpis-lookup and the CareTeam search")
                .isEqualTo(3);
        assertThat(saw.getInt("fishing.status")).isEqualTo(403);
        assertThat(saw.getString("fishing.diagnostics")).contains("NHS number");
        assertThat(storedPatientsWith(nhsNumber)).isEqualTo(1);
    }
}
