package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-pass segment classifier of {@link RouteTemplate} gives the template the previous implementation
 * ({@link RouteTemplateReference}) gave, on generated paths made of the chars every rule looks at: digits, hex and
 * other letters of both cases, the separators, base64's {@code +} and {@code =}, escapes, non-ASCII letters,
 * surrogate pairs and lone surrogates, empty, long and over-long segments, and paths of up to 8 KiB.
 */
class RouteTemplateEquivalenceTest {
    private static final String[] PIECES = {"0", "7", "42", "a", "f", "F", "g", "Z", "x", "-", "_", ".", ",", ":", "+",
            "=", "==", "%2F", "~", " ", "\u00e9", "\u0663", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uFFFD", "v1",
            "users", "json", ".json", ".PDF", ".tar.gz", "550e8400-e29b-41d4-a716-446655440000",
            "550E8400-E29B-41D4-A716-446655440000", "9f1c2a3b4c5d", "2024-06-12", "1.2.3", "2.0",
            "aGVsbG8gd29ybGQhIQ", "tok_live_4eC39HqLyjWDarjtT1zdp7dc", "01HZX3Q9J8K7M6N5P4R3S2T1V0"};

    @Test
    void givesThePreviousTemplateForEveryGeneratedPath() {
        Random random = new Random(4);
        for (int run = 0; run < 100_000; run++) {
            String path = path(random, 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8));
            assertThat(RouteTemplate.of(path)).as(path).isEqualTo(RouteTemplateReference.of(path));
        }
    }

    @Test
    void givesThePreviousTemplateForEightKibibytePaths() {
        Random random = new Random(8);
        for (int run = 0; run < 300; run++) {
            StringBuilder path = new StringBuilder();
            while (path.length() < 8192) {
                path.append(path(random, 1 + random.nextInt(20)));
            }
            String p = path.toString();
            assertThat(RouteTemplate.of(p)).as(p).isEqualTo(RouteTemplateReference.of(p));
        }
        for (String p : new String[]{"/1".repeat(4096), "/a".repeat(4096), "/" + "a".repeat(8191),
                "/a".repeat(511) + "/" + "\uD83D\uDE00".repeat(8), "/" + "a".repeat(1022) + "/42",
                "/" + "a".repeat(1023) + "/42", "/" + "a".repeat(1024) + "/42", "/42/" + "a".repeat(1030)}) {
            assertThat(RouteTemplate.of(p)).as(p).isEqualTo(RouteTemplateReference.of(p));
        }
    }

    @Test
    void givesThePreviousAnswerForWhatIsNotAPath() {
        for (String p : new String[]{null, "", "a", "a/b", " /a", "/", "//", "///42"}) {
            assertThat(RouteTemplate.of(p)).as(p).isEqualTo(RouteTemplateReference.of(p));
        }
    }

    /** A path of {@code segments} segments, each a few random pieces, some of them long. */
    static String path(Random random, int segments) {
        StringBuilder path = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            path.append('/');
            int pieces = random.nextInt(random.nextInt(8) == 0 ? 30 : 5);
            for (int p = 0; p < pieces; p++) {
                path.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return path.toString();
    }
}
