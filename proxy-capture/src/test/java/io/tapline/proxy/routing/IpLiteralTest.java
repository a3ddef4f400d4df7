package io.tapline.proxy.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.2.3.4, 1.2.3.4", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255",
            "::, ::", "::1, ::1", "1::, 1::", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "::ffff:1.2.3.4, 1.2.3.4", "::ffff:0102:0304, 1.2.3.4",
            "64:ff9b::1.2.3.4, 64:ff9b::102:304", "fe80:0:0:0:1::, fe80::1:0:0:0", "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    })
    void parsesLiteralsAndFormatsThemCanonically(String literal, String canonical) {
        assertThat(IpLiteral.format(IpLiteral.parse(literal))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1.2.3.-4", "1..2.3", "1.2.3.4 ",
            "a.b.c.d", "example.com", "localhost", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2",
            "12345::", "g::1", "fe80::1%eth0", "::1.2.3", "1.2.3.4::", "\u0661.\u0662.\u0663.\u0664", "::\u0661",
            "unknown", "_hidden"})
    void refusesEverythingElseWithoutALookup(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"203.0.113.7:5555, 203.0.113.7", "'[2001:db8::1]:443', 2001:db8::1", "'[2001:db8::1]', 2001:db8::1",
            "'\"[::1]:80\"', ::1", "' 10.0.0.1 ', 10.0.0.1", "2001:db8::1, 2001:db8::1"})
    void parsesForwardedEntriesWithPortsAndBrackets(String entry, String expected) {
        assertThat(IpLiteral.format(IpLiteral.parseForwarded(entry))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1", "[::1]x", "[::1]:", "1.2.3.4:", "1.2.3.4:123456", "host:80", "unknown"})
    void refusesMalformedForwardedEntries(String entry) {
        assertThat(IpLiteral.parseForwarded(entry)).isNull();
    }
}
