package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The IG's Postman collection ({@code ig/postman/}), run by newman against the test server: if a
 * documented request or its checks no longer match what the server does, this fails.
 */
class PostmanCollectionIT extends PostgresServerTest {

    /** The collection's own checks (tokens, upload, look-ups, history, notifications, boards, refusals). */
    private static final int AT_LEAST_ASSERTIONS = 28;

    private static final int REQUESTS = 17;

    @Test
    void theIgPostmanCollectionPassesAgainstTheServer() throws Exception {
        File postman = new File("../ig/postman").getCanonicalFile();
        File summary = new File("target/newman/summary.json").getAbsoluteFile();
        summary.delete(); // never judge an earlier run's summary
        Process newman = new ProcessBuilder(
                        "node",
                        "node_modules/newman/bin/newman.js",
                        "run",
                        new File(postman, "cpis.postman_collection.json").getPath(),
                        "-e",
                        new File(postman, "cpis.postman_environment.json").getPath(),
                        "--env-var",
                        "baseUrl=" + serverRoot(),
                        "--reporters",
                        "cli,json",
                        "--reporter-json-export",
                        summary.getPath(),
                        "--color",
                        "off")
                .directory(new File("src/test/js"))
                .redirectErrorStream(true)
                .start();
        String output = new String(newman.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(newman.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(summary).as(output).exists(); // newman refused its arguments or could not run
        JsonPath run = JsonPath.from(summary);
        assertThat(run.getInt("run.stats.requests.total")).as(output).isEqualTo(REQUESTS);
        assertThat(run.getInt("run.stats.requests.failed")).as(output).isZero();
        assertThat(run.getInt("run.stats.assertions.failed")).as(output).isZero();
        assertThat(run.getInt("run.stats.assertions.total")).as(output).isGreaterThanOrEqualTo(AT_LEAST_ASSERTIONS);
        assertThat(run.getList("run.failures")).as(output).isEmpty();
        assertThat(newman.exitValue()).as(output).isZero();
    }
}
