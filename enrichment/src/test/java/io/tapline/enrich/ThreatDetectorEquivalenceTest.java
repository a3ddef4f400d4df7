package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single pass of {@link ThreatDetector} over ASCII targets gives the flags the previous implementation
 * ({@link ThreatDetectorReference}) gave, on generated targets made of every marker in both cases and cut short,
 * escapes (whole, broken, double), pluses, blanks and control chars, SQL comments, query and fragment separators,
 * non-ASCII letters that lower-case to ASCII or to two chars, surrogates and U+FFFD, up to 8 KiB and beyond the scan
 * limit.
 */
class ThreatDetectorEquivalenceTest {
    private static final String[] PIECES = {"/", "a", "Z", "0", "42", "?", "&", "#", "=", "-", "--", ";", "'", "\"",
            ".", "..", "\\", " ", "\t", "\n", "\u001c", "\u000b", "+", "%", "%2", "%2e", "%2E", "%2f", "%5c", "%27",
            "%20", "%3c", "%3C", "%00", "%ff", "%e2%9c%93", "/*", "*/", "/**/", "*", "<", ">", "(", ")", "../",
            "..\\", "..%2f", "..%5C", "%2e%2e", "/etc/passwd", "/ETC/Shadow", "/proc/self/", "c:\\windows\\",
            "BOOT.INI", "' or 1=1", "\" OR 1=1", " or 1=1", "' or '1'='1", "\" or \"1\"=\"1", "' or ''='",
            "UNION SELECT", "union all select", "union/**/select", "union%20select", "SLEEP(", "benchmark(",
            "pg_sleep(", "waitfor delay", "information_schema", ";--", "'--", "' --", "')--", "xp_cmdshell",
            "; drop table", "';drop table", "<script", "<SCRIPT", "%3cscript", "javascript:", "java script:",
            "JaVaScRiPt:", "vbscript:", "onerror=", "onerror =", "onload=", "onmouseover=", "<iframe", "<svg",
            "document.cookie", "scr", "uni", "or", "1=1", "union", "select", "java", "script:", "onerror", "+or+1=1",
            "union+select", "java+script:", "'+or+'1'='1", "%27+or+1%3D1--", "id=1--", "id=1--&x", "x--#", "\u212a", "\u0130", "\u00e9", "\u00c9", "\uD83D\uDE00", "\uD83D",
            "\uFFFD", "\u00a0", "\u2028"};

    @Test
    void givesThePreviousFlagsForEveryGeneratedTarget() {
        Random random = new Random(4);
        for (int run = 0; run < 50_000; run++) {
            StringBuilder target = new StringBuilder();
            int pieces = random.nextInt(random.nextInt(10) == 0 ? 80 : 8);
            for (int p = 0; p < pieces; p++) {
                target.append(PIECES[random.nextInt(PIECES.length)]);
            }
            check(target.toString(), random.nextInt(20) == 0);
        }
    }

    @Test
    void givesThePreviousFlagsForLongTargets() {
        Random random = new Random(8);
        for (int run = 0; run < 100; run++) {
            StringBuilder target = new StringBuilder("/search?q=");
            int length = random.nextBoolean() ? 8192 : 64 * 1024 + random.nextInt(64);
            while (target.length() < length) {
                target.append(random.nextInt(50) == 0 ? PIECES[random.nextInt(PIECES.length)] : "ab");
            }
            check(target.toString(), false);
        }
        check("a".repeat(64 * 1024 - 3) + "/..", false);
        check("a".repeat(64 * 1024 - 2) + "/..", false);
        check("/?id=1" + "a".repeat(64 * 1024) + "--", false);
    }

    @Test
    void givesThePreviousFlagsForNothing() {
        for (String target : new String[]{null, "", " ", "/", "a"}) {
            check(target, false);
            check(target, true);
        }
    }

    private static void check(String target, boolean scanner) {
        assertThat(ThreatDetector.detect(target, scanner)).as(target)
                .isEqualTo(ThreatDetectorReference.detect(target, scanner));
    }
}
