package uk.cpis.server.notifications;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications to councils ({@code cpis.notifications.*} in application.yaml).
 *
 * @param repeatAttendance when look-ups of one child from several care settings raise an alert
 * @param delivery how pushed notifications are delivered and retried
 * @param endpoints which subscription endpoints are accepted
 */
@ConfigurationProperties(prefix = "cpis.notifications")
public record NotificationProperties(
        @DefaultValue RepeatAttendance repeatAttendance,
        @DefaultValue Delivery delivery,
        @DefaultValue Endpoints endpoints) {

    /**
     * @param settings how many different care settings (organisation and kind of setting) make a pattern
     * @param window how far back unscheduled accesses count
     */
    public record RepeatAttendance(
            @DefaultValue("3") int settings,
            @DefaultValue("30d") Duration window) {}

    /**
     * @param workers threads sending notifications at the same time
     * @param pollInterval how often the queue is checked when nothing wakes the workers
     * @param initialBackoff wait before the first retry; doubled after each failed attempt
     * @param maxBackoff longest wait between two attempts (retries never stop while the subscription is active)
     * @param connectTimeout longest wait for the council's endpoint to accept a connection
     * @param requestTimeout longest wait for the council's endpoint to answer
     * @param lease how long a claimed delivery stays claimed (a server that dies mid-delivery releases it then)
     * @param retention how long abandoned deliveries are kept in the queue table (delivered ones are kept: the
     *     board statistics count them)
     */
    public record Delivery(
            @DefaultValue("4") int workers,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("1m") Duration lease,
            @DefaultValue("30d") Duration retention) {}

    /**
     * Which subscription endpoints are accepted (the rule: {@link SubscriptionEndpoints}).
     *
     * @param allowHttpToLoopback accept plain {@code http} endpoints on this machine's loopback interface
     *     (demo and tests, where the council's listener runs beside the server); otherwise {@code https} only,
     *     and never loopback unless allowed below
     * @param allowed host names, IP addresses and CIDR ranges the operator opens beyond public addresses
     *     (see {@link EndpointAllowList}); empty by default
     */
    public record Endpoints(
            @DefaultValue("false") boolean allowHttpToLoopback,
            @DefaultValue List<String> allowed) {

        public Endpoints {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }
    }
}
