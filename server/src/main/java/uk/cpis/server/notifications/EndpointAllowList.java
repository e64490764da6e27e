package uk.cpis.server.notifications;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The endpoints the operator opens beyond public addresses ({@code cpis.notifications.endpoints.allowed},
 * environment variable {@code CPIS_NOTIFICATION_ALLOWED_ENDPOINTS}, comma-separated): a council whose
 * listener is reached over a private link, say. Each entry is either
 * <ul>
 * <li>a host name ({@code hooks.medway.example}): endpoints with exactly that host (any case, a
 *     trailing dot ignored) may reach whatever internal address it resolves to; no wildcards;</li>
 * <li>an IP address or CIDR range ({@code 10.20.0.0/16}, {@code fd12:3456::/48}, {@code 127.0.0.1}): any
 *     endpoint host that resolves into it is allowed, whatever its name.</li>
 * </ul>
 * No entry opens the unspecified address, multicast or a cloud metadata service (see
 * {@link EndpointAddresses.Kind#neverAllowed()}). An entry that is none of these stops the server at
 * start-up, naming the entry: a mistyped entry must not quietly open or close anything.
 */
final class EndpointAllowList {

    /** An address range: the first {@code prefix} bits of {@code network}. */
    record Range(InetAddress network, int prefix) {

        boolean contains(InetAddress address) {
            byte[] net = network.getAddress();
            byte[] candidate = address.getAddress();
            if (net.length != candidate.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((net[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    static final EndpointAllowList NONE = new EndpointAllowList(Set.of(), List.of());

    private final Set<String> hostNames;
    private final List<Range> ranges;

    private EndpointAllowList(Set<String> hostNames, List<Range> ranges) {
        this.hostNames = Set.copyOf(hostNames);
        this.ranges = List.copyOf(ranges);
    }

    /** The allow-list of these entries; blank entries are ignored. */
    static EndpointAllowList parse(List<String> entries) {
        Set<String> hostNames = new LinkedHashSet<>();
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.contains("/")
                        || entry.contains(":")
                        || EndpointAddresses.isDottedQuad(entry)
                        || entry.startsWith("[")) {
                    ranges.add(range(entry));
                } else {
                    hostNames.add(hostName(entry));
                }
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException(
                        "cpis.notifications.endpoints.allowed: \"" + entry + "\" is not a host name, an IP"
                                + " address or a CIDR range (" + invalid.getMessage() + ")",
                        invalid);
            }
        }
        return new EndpointAllowList(hostNames, ranges);
    }

    boolean allowsHost(String host) {
        return hostNames.contains(normalise(host));
    }

    /** Whether the address, or the IPv4 address it carries, is in one of the ranges. */
    boolean allowsAddress(InetAddress address) {
        InetAddress reached = EndpointAddresses.embeddedIpv4(address)
                .map(InetAddress.class::cast)
                .orElse(address);
        return ranges.stream().anyMatch(range -> range.contains(address) || range.contains(reached));
    }

    boolean isEmpty() {
        return hostNames.isEmpty() && ranges.isEmpty();
    }

    static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String hostName(String entry) {
        String name = normalise(entry);
        if (!HOST_NAME.matcher(name).matches() || EndpointAddresses.isOddNumericHost(name)) {
            throw new IllegalArgumentException(
                    "a host name has letters, digits, hyphens and dots, and does not end in a number");
        }
        return name;
    }

    private static Range range(String entry) {
        String address = entry;
        String bits = null;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            address = entry.substring(0, slash);
            bits = entry.substring(slash + 1);
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        InetAddress network = EndpointAddresses.literal(address);
        int max = network.getAddress().length * 8;
        if (network.getAddress().length == 4 && address.contains(":")) {
            throw new IllegalArgumentException("write IPv4 ranges in IPv4 form");
        }
        int prefix;
        try {
            prefix = bits == null ? max : Integer.parseInt(bits);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("the prefix length is not a number");
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("the prefix length must be 0 to " + max);
        }
        return new Range(network, prefix);
    }
}
