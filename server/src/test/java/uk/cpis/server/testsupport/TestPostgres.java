package uk.cpis.server.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway PostgreSQL cluster started by {@code scripts/test} (the README test command). Tests
 * never skip without it: they fail and say how to run them.
 */
public final class TestPostgres {

    private TestPostgres() {}

    public static String url() {
        String url = System.getenv("CPIS_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("CPIS_TEST_DB_URL is not set: run the integration tests with"
                    + " scripts/test, which starts a throwaway PostgreSQL cluster for them");
        }
        return url;
    }

    public static String user() {
        return System.getenv().getOrDefault("CPIS_TEST_DB_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("CPIS_TEST_DB_PASSWORD", "");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** Creates an empty database on the test cluster and returns its JDBC URL. */
    public static String freshDatabase(String prefix) throws SQLException {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String base = url();
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    /** Stops ({@code "stop"}) or starts ({@code "start"}) the whole test cluster. */
    public static void cluster(String action) throws IOException, InterruptedException {
        String pgctl = System.getenv("CPIS_TEST_PGCTL");
        if (pgctl == null || pgctl.isBlank()) {
            throw new IllegalStateException("CPIS_TEST_PGCTL is not set: run the tests with scripts/test");
        }
        Process process = new ProcessBuilder(pgctl, action).inheritIO().start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgctl " + action + " failed");
        }
    }
}
