package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/static/../../etc/passwd                        | path_traversal",
            "/static/..%2f..%2fsecret                         | path_traversal",
            "/static/%2e%2e/%2e%2e/secret                     | path_traversal",
            "/static/%252e%252e%252fsecret                    | path_traversal",
            "/download?file=..\\..\\windows\\win.ini          | path_traversal",
            "/a/b/..                                          | path_traversal",
            "/files?name=%2Fetc%2Fpasswd                      | path_traversal",
            "/items?id=1%27%20OR%201%3D1                      | sqli",
            "/items?id=1' or '1'='1                           | sqli",
            "/items?id=1 UNION SELECT password FROM users     | sqli",
            "/items?id=1+UNION+ALL+SELECT+null                | sqli",
            "/items?id=1/**/UnIoN/**/SeLeCt/**/1              | sqli",
            "/items?id=1;--                                   | sqli",
            "/items?id=1--                                    | sqli",
            "/items?name=admin'--                             | sqli",
            "/items?id=sleep(5)                               | sqli",
            "/items?q=select * from information_schema.tables | sqli",
            "/search?q=<script>alert(1)</script>              | xss",
            "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E    | xss",
            "/search?q=%253Cscript%253E                       | xss",
            "/go?to=javascript:alert(1)                       | xss",
            "/go?to=JaVaScRiPt:alert(1)                       | xss",
            "/img?src=x onerror=alert(1)                      | xss",
            "/img?src=x%20onerror%20=%20alert(1)              | xss",
            "/p?x=<svg/onload=alert(1)>                       | xss",
            "/caf\u00e9?id=1 UNION SELECT x                   | sqli",
            "/caf\u00e9/%2e%2e/secret                         | path_traversal",
            "/caf\u00e9?q=<ScRiPt>                            | xss",
            "/SEARCH?Q=<SCRIPT>                               | xss",
    })
    void flagsWellKnownAttackMarkersDecodedAndInAnyCase(String target, String flag) {
        assertThat(ThreatDetector.detect(target, false)).containsExactly(flag);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/v1/users/42?x=1", "/", "", "/docs/getting-started", "/search?q=rock+and+roll",
            "/search?q=--help", "/a--b/c", "/items?sort=-created_at", "/files/v1.2...3", "/search?q=o'reilly",
            "/blog/union-selection-committee", "/q?x=100%", "/q?x=%zz%", "/\uFFFD\uFFFD?\uFFFD=\uFFFD",
            "/search?q=sleep+tips", "/p?a=b&c=d#--"})
    void leavesOrdinaryTargetsUnflagged(String target) {
        assertThat(ThreatDetector.detect(target, false)).isEmpty();
    }

    @Test
    void reportsEveryFlagOnceInSortedOrder() {
        List<String> flags = ThreatDetector.detect(
                "/../../etc/passwd?q=<script>&id=1' OR 1=1--&again=../", true);
        assertThat(flags).containsExactly("path_traversal", "scanner", "sqli", "xss");
        assertThat(flags).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void flagsAScannerEvenWithoutATarget() {
        assertThat(ThreatDetector.detect(null, true)).containsExactly("scanner");
        assertThat(ThreatDetector.detect(null, false)).isEmpty();
    }

    @Test
    void staysLinearOnAdversarialInput() {
        char[] dashes = new char[1 << 20];
        Arrays.fill(dashes, '-');
        String[] inputs = {"/?" + new String(dashes), "/?" + "/*".repeat(1 << 19), "/?" + "%".repeat(1 << 20),
                "/?" + "..".repeat(1 << 19)};
        for (String input : inputs) {
            assertThat(Timing.bestOfNanos(3, () -> ThreatDetector.detect(input, false)))
                    .as(input.substring(0, 8)).isLessThan(1_000_000_000L);
        }
    }
}
