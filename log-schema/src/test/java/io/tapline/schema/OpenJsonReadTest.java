package io.tapline.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OpenJson#read} against what it replaces for objects and arrays, a default {@code ObjectMapper} reading the
 * value as {@code Object}: the same values of the same classes (Integer, Long or BigInteger; Double; LinkedHashMap
 * in the same key order; ArrayList), and the parser left at the same place.
 */
class OpenJsonReadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] STRINGS = {"", "a", "caf\u00e9", "\u4e2d\u6587", "emoji \ud83d\ude80", "q\"b\\s",
            "tab\tnl\n", "\u0000ctl", "line\u2028sep", "Accept", "X-Id"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-2147483648", "2147483647", "2147483648",
            "-9223372036854775808", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
            "0.5", "-0.0", "1e3", "1E-7", "3.141592653589793238462643383279", "1e400", "-1e400", "4.9e-325"};

    @Test
    void randomValuesReadAsADefaultObjectMapperReadsThem() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            String json = "{\"before\":1,\"value\":" + value(random, 0) + ",\"after\":[true]}";
            assertSameRead(json);
        }
    }

    @Test
    void repeatedKeysKeepTheLastValueAtTheFirstPlace() throws IOException {
        String json = "{\"value\":{\"a\":1,\"b\":2,\"a\":{\"x\":[]},\"c\":null,\"b\":\"two\"},\"after\":0}";
        assertSameRead(json);
        Object read = readValue(json, false);
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", Map.of("x", List.of()));
        expected.put("b", "two");
        expected.put("c", null);
        assertThat(read).isEqualTo(expected);
        assertThat(new ArrayList<Object>(((Map<?, ?>) read).keySet())).containsExactly("a", "b", "c");
    }

    @Test
    void emptyAndDeepValues() throws IOException {
        assertSameRead("{\"value\":{},\"after\":0}");
        assertSameRead("{\"value\":[],\"after\":0}");
        assertSameRead("{\"value\":[[],[{}],null,[null]],\"after\":0}");
        assertSameRead("{\"value\":" + "[".repeat(400) + "{\"k\":1}" + "]".repeat(400) + ",\"after\":0}");
    }

    @Test
    void truncatedDocumentsAreRefusedAsByTheMapper() {
        for (String json : List.of("{\"value\":{\"a\":1", "{\"value\":[1,2", "{\"value\":{\"a\":", "{\"value\":[{]}")) {
            assertThatThrownBy(() -> readValue(json, false)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> readValue(json, true)).isInstanceOf(IOException.class);
        }
    }

    private static void assertSameRead(String json) throws IOException {
        try (JsonParser ours = MAPPER.createParser(json); JsonParser theirs = MAPPER.createParser(json)) {
            while (true) {
                JsonToken t = ours.nextToken();
                assertThat(theirs.nextToken()).isEqualTo(t);
                if (t == null) {
                    return;
                }
                if (t == JsonToken.FIELD_NAME && ours.currentName().equals("value")) {
                    JsonToken v = ours.nextToken();
                    assertThat(theirs.nextToken()).isEqualTo(v);
                    Object read = OpenJson.read(ours, v);
                    Object expected = v.isScalarValue() ? OpenJson.read(theirs, v) : theirs.readValueAs(Object.class);
                    assertSameValue(read, expected, json);
                }
            }
        }
    }

    /** Equal, and of the same class all the way down: Integer is not Long, LinkedHashMap keeps its key order. */
    private static void assertSameValue(Object actual, Object expected, String json) {
        if (expected == null) {
            assertThat(actual).as(json).isNull();
            return;
        }
        assertThat(actual).as(json).isNotNull();
        assertThat(actual.getClass()).as(json).isEqualTo(expected.getClass());
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> got = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(got.keySet())).as(json).isEqualTo(new ArrayList<>(map.keySet()));
            map.forEach((k, v) -> assertSameValue(got.get(k), v, json));
        } else if (expected instanceof List<?> list) {
            List<?> got = (List<?>) actual;
            assertThat(got).as(json).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(got.get(i), list.get(i), json);
            }
        } else {
            assertThat(actual).as(json).isEqualTo(expected);
        }
    }

    private static Object readValue(String json, boolean viaMapper) throws IOException {
        try (JsonParser p = MAPPER.createParser(json)) {
            p.nextToken();
            p.nextToken();
            JsonToken v = p.nextToken();
            return viaMapper ? p.readValueAs(Object.class) : OpenJson.read(p, v);
        }
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 8);
        return switch (kind) {
            case 0 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 1 -> quoted(STRINGS[random.nextInt(STRINGS.length)]);
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> String.valueOf(random.nextLong());
            case 5, 6 -> {
                StringBuilder s = new StringBuilder("{");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    // few distinct keys, so that repeated keys are common
                    s.append(i == 0 ? "" : ",").append(quoted(STRINGS[random.nextInt(4)]))
                            .append(':').append(value(random, depth + 1));
                }
                yield s.append('}').toString();
            }
            default -> {
                StringBuilder s = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append(value(random, depth + 1));
                }
                yield s.append(']').toString();
            }
        };
    }

    private static String quoted(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
