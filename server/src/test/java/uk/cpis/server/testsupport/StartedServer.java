package uk.cpis.server.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.cpis.server.CpisServerApplication;

/** A CP-IS server started and stopped by a test, for what one shared test server cannot show (restarts). */
public final class StartedServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StartedServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the server on a random port with the given {@code key=value} properties. */
    public static StartedServer start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new StartedServer(
                new SpringApplicationBuilder(CpisServerApplication.class).run(args.toArray(String[]::new)));
    }

    public static StartedServer onPostgres(String jdbcUrl, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=" + TestPostgres.user(),
                "spring.datasource.password=" + TestPostgres.password()));
        all.addAll(List.of(properties));
        return start(all.toArray(String[]::new));
    }

    public String baseUrl() {
        return serverRoot() + "/fhir";
    }

    public String serverRoot() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A client with a demo persona's token (the server must run the demo profile). */
    public IGenericClient fhirClient() {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // the first write after start-up loads the validator's definitions: longer than HAPI's default 10 s on a busy
        // machine
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(DemoTokens.requestToken(serverRoot(), "la-medway")));
        return client;
    }

    @Override
    public void close() {
        context.close();
    }
}
