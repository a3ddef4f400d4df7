package io.tapline.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpClassifierTest {

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource(nullValues = "null", value = {
            "127.0.0.1, loopback, 4", "127.255.0.9, loopback, 4", "10.1.2.3, private, 4", "172.16.0.1, private, 4",
            "172.31.255.255, private, 4", "172.32.0.1, public, 4", "192.168.1.1, private, 4",
            "100.64.0.1, private, 4", "100.127.255.254, private, 4", "100.128.0.1, public, 4",
            "169.254.10.20, link_local, 4", "203.0.113.9, public, 4", "8.8.8.8, public, 4", "0.0.0.0, null, 4",
            "224.0.0.1, null, 4", "::1, loopback, 6", "'[::1]', loopback, 6", "'[::1]:443', loopback, 6",
            "fc00::1, private, 6", "fd12:3456:789a::1, private, 6", "fe80::1%eth0, link_local, 6",
            "febf::1, link_local, 6", "fec0::1, public, 6", "2001:db8::1, public, 6",
            "2606:4700:4700:0000:0000:0000:0000:1111, public, 6", ":: , null, 6", "ff02::1, null, 6",
            "::ffff:10.0.0.1, private, 4", "::ffff:8.8.8.8, public, 4", "64:ff9b::1.2.3.4, public, 6",
            "203.0.113.9:51234, public, 4", "' 10.0.0.1 ', private, 4", "1::, public, 6",
            "1:2:3:4:5:6:7:8, public, 6", "1:2:3:4:5:6:1.2.3.4, public, 6"
    })
    void classifiesAddressLiterals(String ip, String ipClass, int version) {
        IpClassifier.IpClass result = IpClassifier.classify(ip);
        assertThat(result).isNotNull();
        assertThat(result.ipClass).isEqualTo(ipClass);
        assertThat(result.version).isEqualTo(version);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "localhost", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1",
            "1.2.3.-4", "::1::", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "g::1", "1:", ":1",
            "[::1", "::1]", "203.0.113.9, 10.0.0.1", "unknown", "\uFFFD", "１.２.３.４", "1.2.3.4:5:6",
            "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "2001:db8::1::2"})
    void classifiesNothingThatIsNotAnAddressLiteral(String text) {
        assertThat(IpClassifier.classify(text)).isNull();
    }

    /** The in-place read of plain dotted IPv4 gives what the reading of every form gives, on near misses too. */
    @org.junit.jupiter.api.Test
    void readsPlainIpv4AsEveryFormIsRead() {
        java.util.Random random = new java.util.Random(3);
        String[] pieces = {"0", "7", "10", "127", "168", "172", "192", "255", "256", "999", "0010", "", " ", ".", ":",
                "[", "]", "%", "a", "::", "1", "16", "31", "64", "100", "169", "254", "224", "-1", "\u0661"};
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("203.0.113.7", "1.2.3.4.",
                ".1.2.3.4", "1.2.3", "1..2.3", " 10.0.0.1", "10.0.0.1 ", "10.0.0.1:80", "[::1]", "::ffff:10.0.0.1"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (p < parts - 1 && random.nextInt(5) > 0) {
                    text.append('.');
                }
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            IpClassifier.IpClass expected = IpClassifier.classifyAnyForm(text);
            IpClassifier.IpClass actual = IpClassifier.classify(text);
            assertThat(actual).as(text).isSameAs(expected);
        }
    }
}
