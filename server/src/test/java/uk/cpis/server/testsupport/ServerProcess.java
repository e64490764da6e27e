package uk.cpis.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A CP-IS server in a process of its own, started from the jar the build made ({@code java -jar}), as
 * an operator runs each server of a cluster: nothing shared with the test or with other servers but the
 * database (and the demo token key and issuer, as a cluster shares its identity provider).
 */
public final class ServerProcess implements AutoCloseable {

    /** What every server of one test cluster shares: the database, and the demo tokens' key and issuer. */
    public record Cluster(String jdbcUrl, Path signingKey, String issuer) {

        public static Cluster on(String jdbcUrl) {
            try {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048);
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        rsa.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Path key = Files.createTempFile("cpis-cluster-key", ".pem");
                Files.writeString(key, pem);
                return new Cluster(jdbcUrl, key, "http://cpis-cluster.test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a server of the cluster in demo mode with these extra {@code key=value} properties; waits until ready. */
    public static ServerProcess start(String name, Cluster cluster, String... properties) {
        try {
            int port = freePort();
            Path log = Files.createTempFile("cpis-" + name, ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-jar",
                    serverJar().toString(),
                    "--spring.profiles.active=demo",
                    "--server.port=" + port,
                    "--spring.datasource.url=" + cluster.jdbcUrl(),
                    "--spring.datasource.username=" + TestPostgres.user(),
                    "--spring.datasource.password=" + TestPostgres.password(),
                    "--cpis.data-dir=" + Files.createTempDirectory("cpis-" + name),
                    "--cpis.security.demo.signing-key=file:" + cluster.signingKey(),
                    "--cpis.security.demo.issuer=" + cluster.issuer()));
            for (String property : properties) {
                command.add("--" + property);
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ServerProcess server = new ServerProcess(name, port, process, log);
            server.awaitReady(Duration.ofMinutes(4));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String serverRoot() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What a load balancer asks: 200 while the server takes requests, 503 while it stops. */
    public int readiness() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(serverRoot() + "/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, as an orchestrator stops a server: it finishes what it has and stops. */
    public void stop() {
        process.destroy();
    }

    /** SIGKILL: the server dies at once, whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server " + name + " exited at start-up:\n" + tail());
            }
            if (readiness() == 200) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("server " + name + " not ready within " + timeout + ":\n" + tail());
    }

    private String tail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    /** The jar the build packaged (failsafe runs after package). */
    private static Path serverJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("cpis-server-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no server jar in target/: run mvn package first"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
