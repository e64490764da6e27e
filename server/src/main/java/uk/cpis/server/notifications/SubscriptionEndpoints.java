package uk.cpis.server.notifications;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import uk.cpis.server.fhir.FhirServerProperties;

/**
 * Which URLs a council's subscription may deliver to. An endpoint must be an absolute {@code https}
 * URL (plain {@code http} only to this machine's loopback interface, and only where
 * {@code cpis.notifications.endpoints.allow-http-to-loopback} allows it: demo and tests), without
 * user info or fragment, whose host resolves; it may never reach the server itself (its own ports on
 * this machine, or its public address: the actuator and FHIR endpoints are not notification
 * listeners), nor link-local, wildcard or multicast addresses (cloud metadata services live there).
 * Checked when the subscription is written and again before every delivery, since DNS can change.
 */
@Component
public class SubscriptionEndpoints {

	private final NotificationProperties properties;
	private final FhirServerProperties fhirServerProperties;
	private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

	public SubscriptionEndpoints(NotificationProperties properties, FhirServerProperties fhirServerProperties) {
		this.properties = properties;
		this.fhirServerProperties = fhirServerProperties;
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
			return Optional.of("channel.endpoint may not contain user info or a fragment: send credentials in channel.header");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		} catch (UnknownHostException | SecurityException unknown) {
			return Optional.of("The host of channel.endpoint cannot be resolved");
		}
		int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		boolean allLoopback = true;
		for (InetAddress address : addresses) {
			if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
				return Optional.of("channel.endpoint may not point at a link-local, wildcard or multicast address");
			}
			if (isThisMachine(address) && ownPorts.contains(port)) {
				return Optional.of("channel.endpoint may not point at the CP-IS server itself");
			}
			allLoopback &= address.isLoopbackAddress();
		}
		if (isPublicAddressOfThisServer(uri)) {
			return Optional.of("channel.endpoint may not point at the CP-IS server itself");
		}
		if (scheme.equals("http") && !(properties.endpoints().allowHttpToLoopback() && allLoopback)) {
			return Optional.of("channel.endpoint must use https"
					+ (properties.endpoints().allowHttpToLoopback() ? " (plain http is allowed only to this machine's loopback interface)" : ""));
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
