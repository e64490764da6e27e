package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.cpis.server.notifications.EndpointAddresses.Kind;

/** The address classification behind the endpoint rule: a pure function, on literals only (no look-up). */
class EndpointAddressesTest {

    @Test
    void publicAddressesAreAllowed() {
        for (String address : List.of(
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.1.1",
                "192.167.1.1",
                "198.17.255.255",
                "198.20.0.1",
                "223.255.255.254",
                "11.0.0.1",
                "2001:4860:4860::8888",
                "2a00:1450:4009:81f::200e",
                "2606:4700::1111",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "::ffff:8.8.8.8")) {
            assertThat(EndpointAddresses.classify(address(address))).as(address).isEqualTo(Kind.PUBLIC);
        }
    }

    @Test
    void everyInternalAddressHasItsKind() {
        Map<String, Kind> expected = new java.util.LinkedHashMap<>();
        expected.put("127.0.0.1", Kind.LOOPBACK);
        expected.put("127.255.255.254", Kind.LOOPBACK);
        expected.put("::1", Kind.LOOPBACK);
        expected.put("10.0.0.1", Kind.PRIVATE);
        expected.put("10.255.255.255", Kind.PRIVATE);
        expected.put("172.16.0.1", Kind.PRIVATE);
        expected.put("172.31.255.255", Kind.PRIVATE);
        expected.put("192.168.0.1", Kind.PRIVATE);
        expected.put("100.64.0.1", Kind.SHARED);
        expected.put("100.127.255.255", Kind.SHARED);
        expected.put("169.254.0.1", Kind.LINK_LOCAL);
        expected.put("fe80::1", Kind.LINK_LOCAL);
        expected.put("febf::1", Kind.LINK_LOCAL);
        expected.put("fc00::1", Kind.UNIQUE_LOCAL);
        expected.put("fd12:3456::1", Kind.UNIQUE_LOCAL);
        expected.put("0.0.0.0", Kind.UNSPECIFIED);
        expected.put("::", Kind.UNSPECIFIED);
        expected.put("224.0.0.1", Kind.MULTICAST);
        expected.put("239.255.255.250", Kind.MULTICAST);
        expected.put("255.255.255.255", Kind.MULTICAST);
        expected.put("ff02::1", Kind.MULTICAST);
        expected.put("169.254.169.254", Kind.METADATA);
        expected.put("fd00:ec2::254", Kind.METADATA);
        expected.put("168.63.129.16", Kind.METADATA);
        expected.put("100.100.100.200", Kind.METADATA);
        expected.put("192.0.0.192", Kind.METADATA);
        expected.put("0.1.2.3", Kind.RESERVED);
        expected.put("192.0.0.8", Kind.RESERVED);
        expected.put("192.0.2.10", Kind.RESERVED);
        expected.put("198.18.0.1", Kind.RESERVED);
        expected.put("198.51.100.1", Kind.RESERVED);
        expected.put("203.0.113.1", Kind.RESERVED);
        expected.put("240.0.0.1", Kind.RESERVED);
        expected.put("2001:db8::1", Kind.RESERVED);
        expected.put("2001::1", Kind.RESERVED); // Teredo
        expected.put("fec0::1", Kind.RESERVED); // site-local
        expected.put("100::1", Kind.RESERVED); // discard
        expected.put("64:ff9b:1::1", Kind.RESERVED); // local-use NAT64
        expected.put("::8.8.8.8", Kind.RESERVED); // IPv4-compatible: deprecated
        // IPv6 forms that carry an IPv4 address are what that address is
        expected.put("::ffff:127.0.0.1", Kind.LOOPBACK);
        expected.put("::ffff:7f00:1", Kind.LOOPBACK);
        expected.put("::127.0.0.1", Kind.LOOPBACK);
        expected.put("::ffff:10.0.0.1", Kind.PRIVATE);
        expected.put("::ffff:a9fe:a9fe", Kind.METADATA);
        expected.put("64:ff9b::7f00:1", Kind.LOOPBACK);
        expected.put("64:ff9b::a00:1", Kind.PRIVATE);
        expected.put("2002:7f00:1::1", Kind.LOOPBACK);
        expected.put("2002:c0a8:1::1", Kind.PRIVATE);
        expected.put("::ffff:0.0.0.0", Kind.UNSPECIFIED);
        expected.forEach((address, kind) -> assertThat(EndpointAddresses.classify(address(address)))
                .as(address)
                .isEqualTo(kind));
    }

    @Test
    void ipv4MappedAddressesAreClassifiedAlsoWhenJavaKeepsThemAsIpv6() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress ipv6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(ipv6).isInstanceOf(java.net.Inet6Address.class);
        assertThat(EndpointAddresses.classify(ipv6)).isEqualTo(Kind.LOOPBACK);
    }

    @Test
    void numericHostsOtherThanDottedQuadsAreOdd() {
        for (String odd : List.of(
                "2130706433",
                "0x7f000001",
                "0x7f.1",
                "0x7f.0.0.1",
                "0177.0.0.1",
                "127.1",
                "127.0.1",
                "127.0.0.01",
                "127.0.0.1.",
                "1.2.3.256",
                "1.2.3.4.5",
                "017700000001",
                "0",
                "example.0x1",
                "a.b.1")) {
            assertThat(EndpointAddresses.isOddNumericHost(odd)).as(odd).isTrue();
        }
        for (String fine : List.of(
                "127.0.0.1",
                "10.0.0.1",
                "8.8.8.8",
                "255.255.255.255",
                "localhost",
                "example.org",
                "example.org.",
                "cafe.be",
                "0x7f.example.org",
                "1.2.3.4.example.org",
                "[::1]",
                "[::ffff:127.0.0.1]")) {
            assertThat(EndpointAddresses.isOddNumericHost(fine)).as(fine).isFalse();
        }
    }

    @Test
    void theAllowListTakesHostNamesAddressesAndRanges() {
        EndpointAllowList allowed = EndpointAllowList.parse(
                List.of(" Hooks.Medway.Example. ", "10.20.0.0/16", "fd12:3456::/32", "192.168.1.7", "[::1]", ""));
        assertThat(allowed.allowsHost("hooks.medway.example")).isTrue();
        assertThat(allowed.allowsHost("HOOKS.medway.example.")).isTrue();
        assertThat(allowed.allowsHost("evil.hooks.medway.example"))
                .as("no wildcards")
                .isFalse();
        assertThat(allowed.allowsHost("localhost")).isFalse();
        assertThat(allowed.allowsAddress(address("10.20.255.1"))).isTrue();
        assertThat(allowed.allowsAddress(address("10.21.0.1"))).isFalse();
        assertThat(allowed.allowsAddress(address("::ffff:10.20.0.9"))).isTrue();
        assertThat(allowed.allowsAddress(address("64:ff9b::a14:1")))
                .as("NAT64 of 10.20.0.1")
                .isTrue();
        assertThat(allowed.allowsAddress(address("fd12:3456:1::1"))).isTrue();
        assertThat(allowed.allowsAddress(address("fd12:3457::1"))).isFalse();
        assertThat(allowed.allowsAddress(address("192.168.1.7"))).isTrue();
        assertThat(allowed.allowsAddress(address("192.168.1.8"))).isFalse();
        assertThat(allowed.allowsAddress(address("::1"))).isTrue();
        assertThat(allowed.allowsAddress(address("127.0.0.1"))).isFalse();
        assertThat(EndpointAllowList.parse(List.of()).isEmpty()).isTrue();
        assertThat(EndpointAllowList.parse(null).isEmpty()).isTrue();
    }

    @Test
    void aMistypedAllowListEntryStopsTheServerNamingIt() {
        for (String wrong : List.of(
                "10.0.0.0/33",
                "10.0.0/8",
                "0x7f.1",
                "2130706433",
                "10.0.0.0/x",
                "fd00::/129",
                "*.example.org",
                "https://hooks.example.org",
                "hooks.example.org:8443",
                "::ffff:10.0.0.0/104",
                "under_score.example")) {
            assertThatThrownBy(() -> EndpointAllowList.parse(List.of(wrong)))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + wrong + "\"");
        }
    }

    private static InetAddress address(String literal) {
        return EndpointAddresses.literal(literal);
    }
}
