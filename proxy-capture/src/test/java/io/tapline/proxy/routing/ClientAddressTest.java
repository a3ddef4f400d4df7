package io.tapline.proxy.routing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {
    private static final List<Cidr> TRUSTED = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1"));
    private static final InetAddress PROXY = IpLiteral.parse("10.0.0.1");
    private static final InetAddress STRANGER = IpLiteral.parse("198.51.100.20");

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(ClientAddress.resolve(STRANGER, List.of("1.1.1.1"), TRUSTED)).isEqualTo("198.51.100.20");
        assertThat(ClientAddress.resolve(PROXY, List.of("1.1.1.1"), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void usesThePeerWhenThereIsNoForwardedFor() {
        assertThat(ClientAddress.resolve(PROXY, List.of(), TRUSTED)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.resolve(PROXY, null, TRUSTED)).isEqualTo("10.0.0.1");
    }

    @Test
    void believesATrustedPeer() {
        assertThat(ClientAddress.resolve(PROXY, List.of("203.0.113.7"), TRUSTED)).isEqualTo("203.0.113.7");
    }

    @Test
    void takesTheRightmostUntrustedHopSoSpoofedLeftEntriesAreIgnored() {
        assertThat(ClientAddress.resolve(PROXY, List.of("6.6.6.6, 203.0.113.7, 10.0.0.2, 10.0.0.3"), TRUSTED))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void takesTheLeftmostWhenEveryHopIsTrusted() {
        assertThat(ClientAddress.resolve(PROXY, List.of("10.0.0.9, 10.0.0.2"), TRUSTED)).isEqualTo("10.0.0.9");
    }

    @Test
    void stopsAtGarbageAndKeepsTheLastGoodAddress() {
        assertThat(ClientAddress.resolve(PROXY, List.of("203.0.113.7, garbage, 10.0.0.2"), TRUSTED))
                .isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve(PROXY, List.of("203.0.113.7, unknown"), TRUSTED)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.resolve(PROXY, List.of("evil.example.com"), TRUSTED)).isEqualTo("10.0.0.1");
    }

    @Test
    void readsEveryHeaderValueInOrder() {
        assertThat(ClientAddress.resolve(PROXY, List.of("198.51.100.1, 10.0.0.3", "10.0.0.2"), TRUSTED))
                .isEqualTo("198.51.100.1");
        assertThat(ClientAddress.resolve(PROXY, List.of("1.1.1.1", "198.51.100.1"), TRUSTED))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void acceptsPortsBracketsAndEmptyEntries() {
        assertThat(ClientAddress.resolve(PROXY, List.of("[2001:DB8::1]:443, , 10.0.0.2:80"), TRUSTED))
                .isEqualTo("2001:db8::1");
        assertThat(ClientAddress.resolve(PROXY, List.of("203.0.113.7:5555"), TRUSTED)).isEqualTo("203.0.113.7");
    }

    @Test
    void handlesIpv6AndMappedPeers() {
        assertThat(ClientAddress.resolve(IpLiteral.parse("::1"), List.of("2001:db8::7"), TRUSTED))
                .isEqualTo("2001:db8::7");
        assertThat(ClientAddress.resolve(IpLiteral.parse("::ffff:10.0.0.5"), List.of("203.0.113.7"), TRUSTED))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddress.resolve(IpLiteral.parse("::2"), List.of("203.0.113.7"), TRUSTED)).isEqualTo("::2");
    }
}
