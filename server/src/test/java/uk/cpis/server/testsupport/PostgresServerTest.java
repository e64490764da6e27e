package uk.cpis.server.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for integration tests: the whole CP-IS server on a random port, on the test PostgreSQL,
 * reached over HTTP only. All subclasses share one running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresServerTest {

	protected static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestPostgres::url);
		registry.add("spring.datasource.username", TestPostgres::user);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("cpis.fhir.max-request-size", () -> "1MB");
	}

	protected String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	protected IGenericClient fhirClient() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return FHIR.newRestfulGenericClient(baseUrl());
	}

	protected RequestSpecification http() {
		return RestAssured.given().baseUri("http://localhost:" + port).urlEncodingEnabled(false);
	}
}
