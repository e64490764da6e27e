package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.PostgresServerTest;

/** No CP-IS data without a valid token; only metadata, the guide, health and metrics are open. */
class AuthenticationIT extends PostgresServerTest {

    @Value("${cpis.security.demo.issuer}")
    String demoIssuer;

    static final List<String> PERSONAS =
            List.of("ed-clinician", "gp", "la-medway", "la-reading", "board-admin", "outsider");

    @Test
    void fhirRequestsWithoutATokenGet401WithAnOperationOutcomeAndWwwAuthenticate() {
        for (Response response : List.of(
                anonymous().get("/fhir/Patient"),
                anonymous().get("/fhir/Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9990000115"),
                anonymous().get("/fhir/Patient/1"),
                anonymous().get("/fhir/_history"),
                anonymous()
                        .contentType("application/fhir+json")
                        .body("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}")
                        .post("/fhir"),
                anonymous().get("/fhir/StructureDefinition"))) {
            assertUnauthenticated(response);
            assertThat(response.body().asString()).contains("Authentication required");
        }
    }

    @Test
    void onlyMetadataGuideHealthAndMetricsAreOpen() {
        assertThat(anonymous().get("/fhir/metadata").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/ig/").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/prometheus").body().asString()).contains("http_server_requests");
        for (String closed : List.of("/actuator/env", "/actuator/beans", "/h2-console", "/anything-else")) {
            assertThat(anonymous().get(closed).statusCode()).as(closed).isEqualTo(401);
        }
    }

    @Test
    void everyDemoPersonaGetsATokenThatOpensTheFhirEndpoint() {
        for (String persona : PERSONAS) {
            // outsider's token is valid; its organisation is refused by the sharing agreement rule (403, not 401)
            int expected = persona.equals("outsider") ? 403 : 200;
            assertThat(httpAs(persona).get("/fhir/Organization?_summary=count").statusCode())
                    .as(persona)
                    .isEqualTo(expected);
        }
    }

    @Test
    void templatedPersonasActForAnyOrganisationByOdsCode() throws Exception {
        String council = DemoTokens.forPersona(serverRoot(), "la-zz9t1");
        String clinician = DemoTokens.forPersona(serverRoot(), "ed-ZZ9T2");

        assertThat(claimsOf(council).getStringListClaim("scope")).containsExactly("cpis.la-social-care");
        assertThat(claimsOf(council).getClaim("nhsid_nrbac_roles").toString()).contains("org_code=ZZ9T1");
        assertThat(claimsOf(clinician).getClaim("nhsid_nrbac_roles").toString())
                .contains("org_code=ZZ9T2", "B0107", "emergency-department");
        // a valid token, but neither organisation has signed the sharing agreement: no patient data
        assertThat(anonymous()
                        .header("Authorization", "Bearer " + council)
                        .get("/fhir/Patient")
                        .statusCode())
                .isEqualTo(403);
        assertThat(anonymous()
                        .header("Authorization", "Bearer " + clinician)
                        .get("/fhir/Organization?_summary=count")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void tokenEndpointRefusesAWrongSecret() {
        Response response = anonymous()
                .auth()
                .preemptive()
                .basic("ed-clinician", "not-the-secret")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body().asString()).doesNotContain("access_token");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        Instant past = Instant.now().minusSeconds(7200);
        String token = sign(
                demoKey(),
                claims().issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(600)))
                        .build());

        assertUnauthenticated(withToken(token));
    }

    @Test
    void tokenFromAnotherIssuerIs401() throws Exception {
        assertUnauthenticated(withToken(
                sign(demoKey(), claims().issuer("https://evil.example").build())));
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        assertUnauthenticated(withToken(sign(generator.generateKeyPair().getPrivate(), claims().build())));
    }

    @Test
    void tokenWithoutTheCallersOrganisationIs401() throws Exception {
        String token = sign(
                demoKey(),
                claims().claim("nhsid_nrbac_roles", List.of(Map.of("role_code", "R8000")))
                        .build());

        Response response = withToken(token);

        assertUnauthenticated(response);
        assertThat(response.body().asString()).contains("org_code");
    }

    @Test
    void wellFormedTokenSignedWithTheDemoKeyIsAccepted() throws Exception {
        assertThat(withToken(sign(demoKey(), claims().build())).statusCode()).isEqualTo(200);
    }

    private static JWTClaimsSet claimsOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private Response withToken(String token) {
        return anonymous().header("Authorization", "Bearer " + token).get("/fhir/Organization?_summary=count");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(demoIssuer)
                .subject("555000000001")
                .claim("name", "Test Clinician")
                .claim("scope", "cpis.clinician")
                .claim(
                        "nhsid_nrbac_roles",
                        List.of(Map.of(
                                "org_code",
                                "RPA",
                                "role_code",
                                "S8000:G8000:R8000",
                                "activity_codes",
                                List.of("B0107"))))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String sign(PrivateKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cpis-demo").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static PrivateKey demoKey() {
        return DemoTokenKeys.load(new ClassPathResource("demo-signing-key.pem")).privateKey();
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.body().asString()).contains("OperationOutcome", "\"code\": \"login\"");
    }
}
