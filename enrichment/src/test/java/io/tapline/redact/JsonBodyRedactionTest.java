package io.tapline.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyRedactionTest {
    private final Redactor redactor = Redactor.withDefaults();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // flat, any value type: the whole value becomes "[REDACTED]"
            "{\"user\":\"bob\",\"password\":\"hunter2\"} | {\"user\":\"bob\",\"password\":\"[REDACTED]\"}",
            "{\"cvv\":123}                               | {\"cvv\":\"[REDACTED]\"}",
            "{\"cvv\":-1.5e3,\"a\":1}                    | {\"cvv\":\"[REDACTED]\",\"a\":1}",
            "{\"secret\":true}                           | {\"secret\":\"[REDACTED]\"}",
            "{\"secret\":null,\"b\":null}                | {\"secret\":\"[REDACTED]\",\"b\":null}",
            "{\"password\":{\"old\":\"a\",\"new\":{\"x\":[1]}},\"n\":1} | {\"password\":\"[REDACTED]\",\"n\":1}",
            "{\"token\":[\"a\",{\"b\":\"]}\"}],\"n\":1}   | {\"token\":\"[REDACTED]\",\"n\":1}",
            "{\"token\":{}}                              | {\"token\":\"[REDACTED]\"}",
            // whitespace and layout are kept
            "{ \"password\" : \"x\" , \"a\" : 1 }         | { \"password\" : \"[REDACTED]\" , \"a\" : 1 }",
            "`{\n  \"password\":\n    \"x\"\n}`           | `{\n  \"password\":\n    \"[REDACTED]\"\n}`",
            // at any depth
            "{\"a\":{\"b\":{\"token\":\"t1\"}}}          | {\"a\":{\"b\":{\"token\":\"[REDACTED]\"}}}",
            "[{\"secret\":1},{\"secret\":[1,2]},{\"x\":{\"api_key\":null}}] | [{\"secret\":\"[REDACTED]\"},{\"secret\":\"[REDACTED]\"},{\"x\":{\"api_key\":\"[REDACTED]\"}}]",
            "{\"a\":[[{\"ssn\":\"1\"}]],\"b\":2}          | {\"a\":[[{\"ssn\":\"[REDACTED]\"}]],\"b\":2}",
            // escapes inside the secret and in the key
            "{\"password\":\"a\\\"b\\\\c\\u0041\",\"next\":\"ok\"} | {\"password\":\"[REDACTED]\",\"next\":\"ok\"}",
            "{\"secret\":\"}]{[,\",\"x\":1}              | {\"secret\":\"[REDACTED]\",\"x\":1}",
            "{\"pass\\u0077ord\":\"x\"}                  | {\"pass\\u0077ord\":\"[REDACTED]\"}",
            "{\"PassWord\":\"x\",\"API_KEY\":\"y\"}      | {\"PassWord\":\"[REDACTED]\",\"API_KEY\":\"[REDACTED]\"}",
            // names must match exactly; secret-looking values are not names
            "{\"password_hint\":\"x\",\"mypassword\":\"y\"} | {\"password_hint\":\"x\",\"mypassword\":\"y\"}",
            "{\"field\":\"password\",\"value\":\"v\"}    | {\"field\":\"password\",\"value\":\"v\"}",
            "[\"password\",\"token\"]                    | [\"password\",\"token\"]",
            // NDJSON
            "`{\"token\":\"a\"}\n{\"token\":\"b\"}\n`    | `{\"token\":\"[REDACTED]\"}\n{\"token\":\"[REDACTED]\"}\n`",
            "{\"a\":{},\"b\":[],\"c\":[{}],\"token\":\"t\"} | {\"a\":{},\"b\":[],\"c\":[{}],\"token\":\"[REDACTED]\"}",
    })
    void redactsSecretFieldValuesAtAnyDepthAndKeepsEverythingElse(String json, String expected) {
        assertThat(redactor.jsonBody(json)).isEqualTo(expected);
    }

    @Test
    void returnsTheSameStringWhenThereIsNothingToRedact() {
        String json = "{\"user\":\"bob\",\"roles\":[\"a\",\"b\"]}";
        assertThat(redactor.jsonBody(json)).isSameAs(json);
    }

    @Test
    void survivesVeryDeepNestingWithoutRecursion() {
        String deep = "[".repeat(100_000) + "{\"token\":\"DEEPSECRET\"}" + "]".repeat(100_000);
        String out = redactor.jsonBody(deep);
        assertThat(out).doesNotContain("DEEPSECRET").contains("{\"token\":\"[REDACTED]\"}").hasSize(deep.length());
    }

    @Test
    void redactsASecretCutOffAtEveryPossiblePosition() {
        String sample = "{\"user\":{\"name\":\"Ada Lovelace\",\"password\":\"QZXJ-hunter2-WVKP\","
                + "\"api_key\":{\"id\":\"kid-1\",\"value\":\"MNBV-inner-LKJH\"},\"ok\":true},"
                + "\"items\":[{\"sku\":\"A-1\",\"token\":[\"YTRE-first\",\"UIOP-second\"]},{\"cvv\":97531}],"
                + "\"Secret\":\"esc\\\"aped\\u0041-GFDS\",\"ssn\":null,\"tail\":\"public\"}";
        List<String> secrets = List.of("QZXJ-hunter2-WVKP", "kid-1", "MNBV-inner-LKJH", "YTRE-first",
                "UIOP-second", "97531", "esc\\\"aped\\u0041-GFDS");
        for (int cut = 0; cut <= sample.length(); cut++) {
            String out = redactor.jsonBody(sample.substring(0, cut));
            for (String secret : secrets) {
                assertNoFourCharPieceOf(secret, out, cut);
            }
        }
        assertThat(redactor.jsonBody(sample)).contains("Ada Lovelace", "\"tail\":\"public\"", "\"sku\":\"A-1\"");
    }

    @Test
    void redactsACutOffSecretInJsonThatIsNotValidAtEveryPosition() {
        String sample = "{user: 'bob', password: 'QZXJ-hunter2-WVKP', token: {a: [\"YTRE-first\"]}, note: ok}";
        for (int cut = 0; cut <= sample.length(); cut++) {
            String out = redactor.jsonBody(sample.substring(0, cut));
            assertNoFourCharPieceOf("QZXJ-hunter2-WVKP", out, cut);
            assertNoFourCharPieceOf("YTRE-first", out, cut);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{password: \"hunter2\", user: \"bob\"}     | {password: \"[REDACTED]\", user: \"bob\"}",
            "{'password': 'hunter2', 'user': 'bob'}    | {'password': '[REDACTED]', 'user': 'bob'}",
            "{\"password\": \"x\", oops}               | {\"password\": \"[REDACTED]\", oops}",
            "`{ // note\n \"secret\": \"x\" }`         | `{ // note\n \"secret\": \"[REDACTED]\" }`",
            "{\"a\": 1,, \"token\": [1, {\"b\": 2}], \"c\": 3} | {\"a\": 1,, \"token\": \"[REDACTED]\", \"c\": 3}",
            "{\"token\": {\"a\": ]\"leak\"} , \"c\": 3} | {\"token\": \"[REDACTED]\"",
            "not json but password=abc               | not json but password=\"[REDACTED]\"",
    })
    void fallsBackToAConservativeScrubForInvalidJson(String text, String expected) {
        assertThat(redactor.jsonBody(text)).isEqualTo(expected);
    }

    /** Text serialized into a string value: JSON, a URL or form string, header lines. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"payload\":\"{\\\"password\\\":\\\"hunter2\\\"}\",\"x\":1} | {\"payload\":\"{\\\"password\\\":\\\"[REDACTED]\\\"}\",\"x\":1}",
            "[\"[{\\\"token\\\":1},2]\"]  | [\"[{\\\"token\\\":\\\"[REDACTED]\\\"},2]\"]",
            "{\"url\":\"/cb?access_token=abc&x=1\"} | {\"url\":\"/cb?access_token=[REDACTED]&x=1\"}",
            "{\"form\":\"user=bob&password=p\"}     | {\"form\":\"user=bob&password=[REDACTED]\"}",
            "{\"h\":\"Authorization: Bearer abc.def\\r\\nAccept: */*\"} | {\"h\":\"Authorization: [REDACTED]\\r\\nAccept: */*\"}",
            "{\"x\":\"<secret>s</secret>\"}          | {\"x\":\"<secret>[REDACTED]</secret>\"}",
    })
    void redactsSecretsInsideStringValues(String json, String expected) {
        assertThat(redactor.jsonBody(json)).isEqualTo(expected);
    }

    @Test
    void redactsJsonSerializedTwiceAndKeepsItsEscapes() {
        String inner = "{\"secret\":\"QZXJ-inner\",\"note\":\"tab\\there \\\"quoted\\\" \\u00e9\"}";
        String middle = "{\"inner\":" + quoted(inner) + ",\"id\":7}";
        String outer = "{\"event\":" + quoted(middle) + "}";
        String expectedInner = "{\"secret\":\"[REDACTED]\",\"note\":\"tab\\there \\\"quoted\\\" \\u00e9\"}";
        String expected = "{\"event\":" + quoted("{\"inner\":" + quoted(expectedInner) + ",\"id\":7}") + "}";
        assertThat(redactor.jsonBody(outer)).isEqualTo(expected);
    }

    @Test
    void leavesStringValuesWithoutSecretsAsTheyAre() {
        String json = "{\"at\":\"2026-11-23T10:00:00Z\",\"url\":\"https://h.example:8443/a?b=c\","
                + "\"payload\":\"{\\\"user\\\":\\\"bob\\\"}\"}";
        assertThat(redactor.jsonBody(json)).isSameAs(json);
    }

    @Test
    void redactsASecretInsideACutOffStringValueAtEveryPosition() {
        String sample = "{\"a\":1,\"payload\":\"{\\\"user\\\":\\\"bob\\\",\\\"password\\\":\\\"QZXJ-hunter2-WVKP\\\"}\","
                + "\"url\":\"/x?token=YTRE-first&y=2\",\"tail\":\"public\"}";
        for (int cut = 0; cut <= sample.length(); cut++) {
            String out = redactor.jsonBody(sample.substring(0, cut));
            assertNoFourCharPieceOf("QZXJ-hunter2-WVKP", out, cut);
            assertNoFourCharPieceOf("YTRE-first", out, cut);
        }
        assertThat(redactor.jsonBody(sample)).contains("bob", "\"tail\":\"public\"");
    }

    /** A JSON string literal saying {@code text}. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"password\"", "{\"password\":", "{\"password\": ", "{\"pass", "{\"password\":\"",
            "{\"password\":\"ab\\", "{\"password\":{\"a\":[\"x"})
    void handlesCutsAroundTheSecretWithoutLeakingOrThrowing(String cut) {
        String out = redactor.jsonBody(cut);
        assertThat(out).doesNotContain("ab").doesNotContain("\"x");
    }

    private static void assertNoFourCharPieceOf(String secret, String out, int cut) {
        for (int i = 0; i + 4 <= secret.length(); i++) {
            String piece = secret.substring(i, i + 4);
            assertThat(out).as("cut at %d leaked '%s' of a secret: %s", cut, piece, out).doesNotContain(piece);
        }
    }
}
