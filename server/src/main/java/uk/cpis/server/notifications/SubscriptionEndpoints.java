package uk.cpis.server.notifications;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import uk.cpis.server.fhir.FhirServerProperties;

/**
 * Which URLs a council's subscription may deliver to. The rule, checked when the subscription is
 * written (a refusal is a 422 with reject reason {@code endpoint-not-allowed}) and again before every
 * delivery attempt, since a host name can be pointed elsewhere at any time:
 * <ol>
 * <li>an absolute {@code https} URL, without user info (credentials go in {@code channel.header}) or
 *     fragment, whose host is a name, a dotted-quad IPv4 address or a bracketed IPv6 address: decimal,
 *     octal, hexadecimal or shortened IPv4 forms ({@code 2130706433}, {@code 0x7f.1}) are refused
 *     before any look-up;</li>
 * <li>its host resolves, and <em>every</em> address it resolves to is public (see
 *     {@link EndpointAddresses}): not loopback, private, unique-local, link-local, carrier-grade NAT,
 *     unspecified, multicast, reserved or a cloud metadata service, in IPv4 or any IPv6 form that
 *     carries an IPv4 address ({@code ::ffff:127.0.0.1});</li>
 * <li>unless the operator's allow-list ({@link EndpointAllowList}) opens the host name or the range
 *     the address is in; nothing opens the unspecified address, multicast or a metadata service;</li>
 * <li>it never reaches the CP-IS server itself (its own ports on this machine, or its public address):
 *     the actuator and FHIR endpoints are not notification listeners, allow-list or not.</li>
 * </ol>
 * In demo mode ({@code cpis.notifications.endpoints.allow-http-to-loopback}) one exception: plain
 * {@code http} to a host whose addresses are all loopback, the council's listener running beside the
 * demo server. {@code https} to loopback is not part of it (there is no such demo listener).
 *
 * <p>A delivery connects within milliseconds of its check, and the JVM keeps resolved addresses for 30
 * seconds ({@code networkaddress.cache.ttl}), so the connection goes to the addresses just checked; an
 * operator who sets that cache to 0 widens the window in which a re-pointed name is not seen. Redirects
 * are never followed. Refusal messages name the rule broken, never the endpoint or what it resolved to.
 */
@Component
public class SubscriptionEndpoints {

    /** Looks a host up: all its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final NotificationProperties properties;
    private final FhirServerProperties fhirServerProperties;
    private final EndpointAllowList allowList;
    private final Resolver resolver;
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

    @Autowired
    public SubscriptionEndpoints(NotificationProperties properties, FhirServerProperties fhirServerProperties) {
        this(properties, fhirServerProperties, InetAddress::getAllByName);
    }

    SubscriptionEndpoints(
            NotificationProperties properties, FhirServerProperties fhirServerProperties, Resolver resolver) {
        this.properties = properties;
        this.fhirServerProperties = fhirServerProperties;
        this.allowList = EndpointAllowList.parse(properties.endpoints().allowed());
        this.resolver = resolver;
    }

    /** The ports this server listens on (its HTTP port and, if separate, the management port). */
    @EventListener
    public void serverStarted(WebServerInitializedEvent started) {
        ownPorts.add(started.getWebServer().getPort());
    }

    /** Why the endpoint is refused, or empty if notifications may be delivered to it. */
    public Optional<String> refusal(String endpoint) {
        if (!StringUtils.hasText(endpoint)) {
            return Optional.of("channel.endpoint is required: the https URL of your notification listener");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException notUrl) {
            return Optional.of("channel.endpoint is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("channel.endpoint must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of(
                    "channel.endpoint may not contain user info or a fragment: send credentials in channel.header");
        }
        String host = uri.getHost();
        if (EndpointAddresses.isOddNumericHost(host)) {
            return Optional.of(
                    "The host of channel.endpoint must be a name, an IPv4 address in dotted-quad form (a.b.c.d) or an"
                            + " IPv6 address in brackets");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException unknown) {
            return Optional.of("The host of channel.endpoint cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("The host of channel.endpoint cannot be resolved");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (InetAddress address : addresses) {
            if (isThisMachine(address) && ownPorts.contains(port)) {
                return Optional.of("channel.endpoint may not point at the CP-IS server itself");
            }
        }
        if (isPublicAddressOfThisServer(uri)) {
            return Optional.of("channel.endpoint may not point at the CP-IS server itself");
        }
        if (scheme.equals("http")) {
            boolean demoListener = properties.endpoints().allowHttpToLoopback()
                    && Arrays.stream(addresses)
                            .allMatch(
                                    address -> EndpointAddresses.classify(address) == EndpointAddresses.Kind.LOOPBACK);
            return demoListener
                    ? Optional.empty()
                    : Optional.of("channel.endpoint must use https"
                            + (properties.endpoints().allowHttpToLoopback()
                                    ? " (plain http is allowed only to this machine's loopback interface)"
                                    : ""));
        }
        boolean namedByOperator = allowList.allowsHost(host);
        for (InetAddress address : addresses) {
            EndpointAddresses.Kind kind = EndpointAddresses.classify(address);
            if (kind == EndpointAddresses.Kind.PUBLIC) {
                continue;
            }
            if (kind.neverAllowed() || !(namedByOperator || allowList.allowsAddress(address))) {
                return Optional.of("The host of channel.endpoint resolves to " + kind.description()
                        + ": notifications are sent" + " only to public addresses"
                        + (kind.neverAllowed() ? "" : ", unless the CP-IS operator has allowed the endpoint"));
            }
        }
        return Optional.empty();
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException unknown) {
            return false;
        }
    }

    private boolean isPublicAddressOfThisServer(URI endpoint) {
        String serverAddress = fhirServerProperties.serverAddress();
        if (!StringUtils.hasText(serverAddress)) {
            return false;
        }
        try {
            String ownHost = new URI(serverAddress.trim()).getHost();
            return ownHost != null && ownHost.equalsIgnoreCase(endpoint.getHost());
        } catch (URISyntaxException notUrl) {
            return false;
        }
    }
}
