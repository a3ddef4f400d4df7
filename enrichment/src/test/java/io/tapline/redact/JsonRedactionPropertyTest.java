package io.tapline.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random JSON documents with secret fields holding unique markers: the markers under secret names never survive,
 * every other marker does, and the result is the same JSON tree a real parser would produce after redaction.
 */
class JsonRedactionPropertyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SECRET_NAMES = List.of("password", "Token", "API_KEY", "client_secret", "cvv");
    private static final List<String> PLAIN_NAMES = List.of("id", "name", "items", "meta", "passwords", "tok", "a b");

    private final Redactor redactor = Redactor.withDefaults();

    @Test
    void secretMarkersNeverSurviveAndPublicMarkersAlwaysDo() throws Exception {
        int secretsSeen = 0;
        for (int seed = 0; seed < 400; seed++) {
            Generator g = new Generator(new Random(seed));
            StringBuilder json = new StringBuilder();
            g.object(json, 0, false);
            String out = redactor.jsonBody(json.toString());

            for (String marker : g.secretMarkers) {
                assertThat(out).as("seed %d: %s", seed, json).doesNotContain(marker);
            }
            for (String marker : g.publicMarkers) {
                assertThat(out).as("seed %d: %s", seed, json).contains(marker);
            }
            JsonNode expected = redactTree(MAPPER.readTree(json.toString()));
            assertThat(MAPPER.readTree(out)).as("seed %d", seed).isEqualTo(expected);
            secretsSeen += g.secretMarkers.size();
        }
        assertThat(secretsSeen).as("the generator must produce secrets to be a meaningful test").isGreaterThan(400);
    }

    @Test
    void secretMarkersNeverSurviveWhereverTheDocumentIsCutOff() {
        for (int seed = 0; seed < 150; seed++) {
            Random random = new Random(seed);
            Generator g = new Generator(random);
            StringBuilder json = new StringBuilder();
            g.object(json, 0, false);
            for (int k = 0; k < 40; k++) {
                String cut = json.substring(0, random.nextInt(json.length() + 1));
                String out = redactor.jsonBody(cut);
                for (String marker : g.secretMarkers) {
                    assertThat(out).as("seed %d: %s", seed, cut).doesNotContain(marker.substring(0, 6));
                }
            }
        }
    }

    private static JsonNode redactTree(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(e -> names.add(e.getKey()));
            for (String name : names) {
                if (RedactionRules.defaults().jsonFields().contains(name.toLowerCase(Locale.ROOT))) {
                    object.set(name, TextNode.valueOf(Redactor.REDACTED));
                } else {
                    redactTree(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(JsonRedactionPropertyTest::redactTree);
        }
        return node;
    }

    /** Writes random JSON text directly, with random whitespace and escapes the redactor must cope with. */
    private static final class Generator {
        final Random random;
        final List<String> secretMarkers = new ArrayList<>();
        final List<String> publicMarkers = new ArrayList<>();
        int counter;

        Generator(Random random) {
            this.random = random;
        }

        void value(StringBuilder out, int depth, boolean underSecret) {
            int kind = random.nextInt(depth >= 5 ? 4 : 6);
            switch (kind) {
                case 0 -> string(out, underSecret);
                case 1 -> out.append(random.nextBoolean() ? random.nextInt(100) : -random.nextDouble());
                case 2 -> out.append(List.of("true", "false", "null").get(random.nextInt(3)));
                case 3 -> string(out, underSecret);
                case 4 -> object(out, depth, underSecret);
                default -> array(out, depth, underSecret);
            }
        }

        void object(StringBuilder out, int depth, boolean underSecret) {
            out.append('{');
            int n = 1 + random.nextInt(5);
            Set<String> used = new java.util.HashSet<>();
            boolean first = true;
            for (int i = 0; i < n; i++) {
                boolean secret = random.nextInt(3) == 0;
                String name = (secret ? SECRET_NAMES : PLAIN_NAMES).get(random.nextInt(5));
                if (!used.add(name.toLowerCase(Locale.ROOT))) {
                    continue; // the tree comparison needs unique names
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                space(out);
                out.append('"').append(secret && random.nextBoolean() ? escapeFirstLetter(name) : name).append('"');
                space(out);
                out.append(':');
                space(out);
                value(out, depth + 1, underSecret || secret);
                space(out);
            }
            out.append('}');
        }

        void array(StringBuilder out, int depth, boolean underSecret) {
            out.append('[');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(out);
                value(out, depth + 1, underSecret);
            }
            out.append(']');
        }

        void string(StringBuilder out, boolean underSecret) {
            String marker = "MK" + (counter++) + "Z" + Integer.toHexString(random.nextInt(1 << 16)) + "Q";
            (underSecret ? secretMarkers : publicMarkers).add(marker);
            String[] noise = {"", "\\\"", "\\\\", "\\n", "\\u00e9", "}", "]", "{\\\"x\\\":", ",", "'", ": "};
            out.append('"').append(noise[random.nextInt(noise.length)]).append(marker)
                    .append(noise[random.nextInt(noise.length)]).append('"');
        }

        void space(StringBuilder out) {
            if (random.nextInt(3) == 0) {
                out.append(List.of(" ", "\n", "\t", "  ").get(random.nextInt(4)));
            }
        }

        static String escapeFirstLetter(String name) {
            return String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1);
        }
    }
}
