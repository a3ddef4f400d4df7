package io.tapline.proxy.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "::ffff:10.0.0.0/104, 10.1.2.3, true",
            "::ffff:10.0.0.0/104, 11.1.2.3, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "fd00::/8, fdab::1, true",
            "::1, ::1, true",
            "::1/128, ::2, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "10.0.0.1/31, 10.0.0.0, true",
            "10.0.0.1/31, 10.0.0.2, false",
    })
    void containsAddressesInItsRange(String range, String address, boolean expected) {
        assertThat(Cidr.parse(range).contains(IpLiteral.parse(address))).isEqualTo(expected);
    }

    @Test
    void treatsAnIpv4MappedInet6AddressAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        InetAddress asV6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(asV6).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("10.0.0.0/8").contains(asV6)).isTrue();
        assertThat(new Cidr(asV6, 104)).isEqualTo(Cidr.parse("10.0.0.0/8"));
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3/8, 10.0.0.0/8", "192.168.1.7, 192.168.1.7/32", "2001:DB8:0:0::1/32, 2001:db8::/32",
            "::ffff:10.9.9.9/104, 10.0.0.0/8", " 10.0.0.0/8 , 10.0.0.0/8"})
    void clearsHostBitsAndPrintsCanonically(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "10.0.0.256", "example.com", "::1/129", "10.0.0.0/", "10.0.0.0/-1",
            "10.0.0.0/8/8", "::ffff:10.0.0.0/95", "localhost", "fe80::1%eth0/64"})
    void rejectsWhatIsNotARange(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsNothingForNull() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(null)).isFalse();
    }
}
