package uk.cpis.server.notifications;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which network addresses a notification may be sent to: a pure classification of one address, with
 * no look-up. Only public (globally routed) unicast addresses are {@link Kind#PUBLIC}; everything the
 * special-purpose address registries (RFC 6890, RFC 6752) set aside for one network, one host or no
 * host at all has its own kind: loopback, private, unique-local, link-local, shared (carrier-grade
 * NAT), unspecified, multicast and broadcast, cloud metadata services, and the rest as reserved.
 *
 * <p>IPv6 addresses that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are classified by the IPv4
 * address they reach, so {@code ::ffff:7f00:1} is loopback like {@code 127.0.0.1}. Outside those, an
 * IPv6 address is public only within {@code 2000::/3}, the only range allocated for global unicast.
 */
final class EndpointAddresses {

    /** What an address is, for the endpoint rule. */
    enum Kind {
        PUBLIC("a public address"),
        LOOPBACK("a loopback address"),
        PRIVATE("a private address (10/8, 172.16/12, 192.168/16)"),
        UNIQUE_LOCAL("a unique-local address (fc00::/7)"),
        LINK_LOCAL("a link-local address (169.254/16, fe80::/10)"),
        SHARED("a carrier-grade NAT address (100.64/10)"),
        UNSPECIFIED("the unspecified address (0.0.0.0 or ::)"),
        MULTICAST("a multicast or broadcast address"),
        METADATA("a cloud metadata service address"),
        RESERVED("a reserved, documentation or tunnelling address");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        /** Never a listener, whatever the operator allows: no allow-list entry opens these. */
        boolean neverAllowed() {
            return this == UNSPECIFIED || this == MULTICAST || this == METADATA;
        }
    }

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F.]*:[0-9a-fA-F:.]*");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");

    /**
     * Cloud instance metadata services (AWS, GCP and Azure IMDS, AWS over IPv6, Azure wire server,
     * Alibaba, Oracle): they hand out credentials to whoever asks from inside the network.
     */
    private static final Set<InetAddress> METADATA = Set.of(
            literal("169.254.169.254"),
            literal("fd00:ec2::254"),
            literal("168.63.129.16"),
            literal("100.100.100.200"),
            literal("192.0.0.192"));

    private EndpointAddresses() {}

    static Kind classify(InetAddress address) {
        if (METADATA.contains(address)) {
            return Kind.METADATA;
        }
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? classify4(bytes, 0) : classify6(bytes);
    }

    /**
     * The IPv4 address an IPv6 address carries and reaches (IPv4-mapped, IPv4-compatible, NAT64, 6to4),
     * if it is one of those forms.
     */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return Optional.empty();
        }
        int from;
        if (zeros(b, 0, 10)
                && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff)
                        || (b[10] == 0 && b[11] == 0 && !zeros(b, 12, 14)))) {
            from = 12; // ::ffff:a.b.c.d, or ::a.b.c.d other than :: and ::1
        } else if (u16(b, 0) == 0x0064 && u16(b, 2) == 0xff9b && zeros(b, 4, 12)) {
            from = 12; // 64:ff9b::a.b.c.d
        } else if (u16(b, 0) == 0x2002) {
            from = 2; // 2002:aabb:ccdd::/48
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address)
                    InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Whether a URL's host is a number but not the plain dotted-quad form of an IPv4 address: decimal
     * ({@code 2130706433}), octal ({@code 0177.0.0.1}), hexadecimal ({@code 0x7f.1}) or shortened
     * ({@code 127.1}). Resolvers read these differently (the C library turns {@code 0x7f.1} into
     * 127.0.0.1, Java would look it up as a name), so they are refused before any look-up. As in the
     * WHATWG URL standard, a host whose last label is a number is a number: no top-level domain is one.
     */
    static boolean isOddNumericHost(String host) {
        if (host.startsWith("[")) {
            return false; // an IPv6 literal, parsed by InetAddress
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches()
                && !(name.equals(host) && DOTTED_QUAD.matcher(name).matches());
    }

    /** Whether this text is an IPv4 address in plain dotted-quad form. */
    static boolean isDottedQuad(String text) {
        return DOTTED_QUAD.matcher(text).matches();
    }

    private static Kind classify4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        int third = b[at + 2] & 0xff;
        int fourth = b[at + 3] & 0xff;
        if (a == 0) {
            return second == 0 && third == 0 && fourth == 0 ? Kind.UNSPECIFIED : Kind.RESERVED; // 0/8: "this network"
        }
        if (a == 10 || (a == 172 && (second & 0xf0) == 16) || (a == 192 && second == 168)) {
            return Kind.PRIVATE;
        }
        if (a == 100 && (second & 0xc0) == 64) {
            return Kind.SHARED;
        }
        if (a == 127) {
            return Kind.LOOPBACK;
        }
        if (a == 169 && second == 254) {
            return Kind.LINK_LOCAL;
        }
        if ((a == 192 && second == 0 && (third == 0 || third == 2))
                || (a == 192 && second == 88 && third == 99)
                || (a == 198 && (second & 0xfe) == 18)
                || (a == 198 && second == 51 && third == 100)
                || (a == 203 && second == 0 && third == 113)) {
            return Kind.RESERVED; // protocol assignments, documentation, 6to4 relay, benchmarking
        }
        if (a == 255 && second == 255 && third == 255 && fourth == 255) {
            return Kind.MULTICAST; // limited broadcast
        }
        if (a >= 224) {
            return a < 240 ? Kind.MULTICAST : Kind.RESERVED;
        }
        return Kind.PUBLIC;
    }

    private static Kind classify6(byte[] b) {
        if (zeros(b, 0, 16)) {
            return Kind.UNSPECIFIED;
        }
        if (zeros(b, 0, 15) && b[15] == 1) {
            return Kind.LOOPBACK;
        }
        Optional<Inet4Address> embedded = embeddedIpv4(ipv6(b));
        if (embedded.isPresent()) {
            Kind reached = classify(embedded.get());
            boolean compatible = zeros(b, 0, 12);
            // ::a.b.c.d is deprecated and routed nowhere: reserved, unless what it names says more
            return compatible && reached == Kind.PUBLIC ? Kind.RESERVED : reached;
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return Kind.MULTICAST;
        }
        if ((first & 0xfe) == 0xfc) {
            return Kind.UNIQUE_LOCAL;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Kind.LINK_LOCAL;
        }
        if ((first & 0xe0) != 0x20) {
            return Kind.RESERVED; // outside 2000::/3: site-local fec0::/10, 64:ff9b:1::/48, 100::/64, ...
        }
        if (u16(b, 0) == 0x2001 && ((b[2] & 0xfe) == 0 || (b[2] == 0x0d && (b[3] & 0xff) == 0xb8))) {
            return Kind.RESERVED; // 2001::/23 protocol assignments (Teredo, ORCHID, ...), 2001:db8::/32 documentation
        }
        return Kind.PUBLIC;
    }

    /** An address given as a literal (never looked up). */
    static InetAddress literal(String text) {
        // only hexadecimal digits, colons and dots (or a dotted quad): InetAddress looks anything else up as a name
        if (!(IPV6_TEXT.matcher(text).matches() || isDottedQuad(text))) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException invalid) {
            throw new IllegalArgumentException("not an IP address: " + text, invalid);
        }
    }

    private static InetAddress ipv6(byte[] b) {
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
