package uk.cpis.server.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * A council's notification listener, as a council would run one: a plain HTTP server (JDK
 * {@code com.sun.net.httpserver}) on the loopback interface that answers 200 to every request and
 * keeps what it received. It can be stopped and started again on the same port, to stand in for a
 * council whose system is down for a while.
 */
public final class CouncilListener implements AutoCloseable {

    /** One request as the listener received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, Instant at) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public AuditEvent auditEvent() {
            return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, body);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int port;
    private volatile int status = 200;
    private volatile Duration holdEachAnswer = Duration.ZERO;
    private HttpServer server;

    private CouncilListener(int port) {
        this.port = port;
    }

    /** A listener on a free loopback port. */
    public static CouncilListener start() {
        return startOn(0);
    }

    public static CouncilListener startOn(int port) {
        CouncilListener listener = new CouncilListener(port);
        listener.up();
        return listener;
    }

    /** Listens (again, on the same port once it has one). */
    public synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            port = server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("The listener cannot listen on port " + port, e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8),
                        Instant.now()));
            }
            Duration hold = holdEachAnswer;
            if (!hold.isZero()) {
                try {
                    Thread.sleep(hold.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // a held answer must not hold up the others
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /**
     * How long each request is held, once received, before it is answered: a slow council, or a sender
     * caught mid-delivery.
     */
    public void holdEachAnswer(Duration hold) {
        this.holdEachAnswer = hold;
    }

    /** The status every request is answered with from now on (e.g. 503 for a listener that is unwell). */
    public void answer(int status) {
        this.status = status;
    }

    public int port() {
        return port;
    }

    /** The FHIR base URL a council would register as its endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    /** Waits until at least {@code count} requests match, and returns them all; fails after {@code timeout}. */
    public List<Received> await(Predicate<Received> which, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Received> matching = received(which);
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("The listener received " + received(which).size() + " of " + count
                + " expected notifications within " + timeout);
    }

    /** Notifications about the child with this NHS number. */
    public static Predicate<Received> about(String nhsNumber) {
        return request -> request.body().contains("\"" + nhsNumber + "\"");
    }

    @Override
    public void close() {
        down();
    }
}
