package uk.cpis.server.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens for the demo personas, from the server's own demo token endpoint (client credentials). */
public final class DemoTokens {

    public static final String SECRET = "demo-secret";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private DemoTokens() {}

    /** A token for the persona from the server at {@code serverRoot} (e.g. http://localhost:1234). */
    public static String forPersona(String serverRoot, String clientId) {
        return CACHE.computeIfAbsent(serverRoot + " " + clientId, key -> requestToken(serverRoot, clientId));
    }

    public static String requestToken(String serverRoot, String clientId) {
        return given().baseUri(serverRoot)
                .auth()
                .preemptive()
                .basic(clientId, SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
