package io.tapline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AnswerScanner} against Jackson ({@link RawSearch}'s parser): the same total, count, last sort values and
 * the same {@code _source} documents, for answers compact and pretty-printed, with odd members around the hits
 * (strings holding brackets, quotes and escapes; nested arrays), fed whole or a few bytes at a time (up to 7, or up to 64).
 */
class AnswerScannerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsWhatJacksonReadsFromRandomAnswers() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            ObjectNode answer = randomAnswer(random);
            byte[] bytes = random.nextBoolean() ? MAPPER.writeValueAsBytes(answer)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(answer);
            RawSearch.Hits expected = RawSearch.read(bytes, MAPPER, null);
            List<JsonNode> expectedSources = new ArrayList<>();
            answer.path("hits").path("hits").forEach(h -> {
                if (h.path("_source").isObject()) {
                    expectedSources.add(h.path("_source"));
                }
            });
            for (AnswerScanner.Feed feed : List.of(AnswerScanner.whole(bytes), trickle(bytes, random, 7),
                    trickle(bytes, random, 64))) {
                List<JsonNode> sources = new ArrayList<>();
                RawSearch.Hits hits = AnswerScanner.read(feed, (b, start, end) ->
                        sources.add(MAPPER.readTree(new String(b, start, end - start, StandardCharsets.UTF_8))));
                assertThat(hits.total()).isEqualTo(expected.total());
                assertThat(hits.count()).isEqualTo(expected.count());
                assertThat(hits.lastSort()).isEqualTo(expected.lastSort());
                assertThat(sources).isEqualTo(expectedSources);
            }
        }
    }

    @Test
    void anAnswerCutShortFails() throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(randomAnswer(new Random(3)));
        for (int cut : new int[]{0, 1, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> AnswerScanner.read(AnswerScanner.whole(part), (b, s, e) -> { }))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void malformedAnswersFail() {
        for (String bad : new String[]{"[]", "{\"hits\":{\"hits\":[{\"_source\":{}} {}]}}", "{\"hits\" {}}",
                "{\"hits\":{\"total\":{\"value\":x}}}", "{\"a\":1 \"b\":2}"}) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> AnswerScanner.read(AnswerScanner.whole(bytes), (b, s, e) -> { }))
                    .as(bad).isInstanceOf(IOException.class);
        }
    }

    private static ObjectNode randomAnswer(Random random) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("took", random.nextInt(100));
        answer.put("timed_out", false);
        answer.putObject("_shards").put("total", 8).put("odd", "}]\"{[\\");
        ObjectNode hits = MAPPER.createObjectNode();
        if (random.nextInt(5) > 0) {
            hits.putObject("total").put("relation", "eq").put("value", random.nextInt(1_000_000));
        }
        hits.putNull("max_score");
        ArrayNode list = hits.putArray("hits");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            ObjectNode hit = list.addObject();
            hit.put("_index", "tapline-logs-2026.11.22");
            hit.put("_id", "id\"" + i);
            // quotes, backslashes and non-ASCII at every place in the eight-byte steps of a skipped string
            hit.put("_type", randomText(random));
            hit.putNull("_score");
            ObjectNode source = hit.putObject("_source");
            source.putObject("tapline").put("id", random.nextLong()).put("text", "a \"}] \\ \u00e9\n" + i);
            source.putArray("list").add(1).add("]").addArray().add(true);
            if (random.nextBoolean()) {
                hit.putArray("sort").add(random.nextLong()).add(random.nextInt(1000) - 500);
            }
        }
        if (random.nextBoolean()) {
            answer.set("hits", hits);
            answer.put("after", "x");
        } else {
            answer.put("before", "{\"hits\":1}");
            answer.set("hits", hits);
        }
        return answer;
    }

    private static String randomText(Random random) {
        String alphabet = "abcdefgh\"\\\u00e9\n/{}[],:";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
        }
        return text.toString();
    }

    /** The bytes up to {@code most} at a time, as a streamed answer arrives. */
    private static AnswerScanner.Feed trickle(byte[] bytes, Random random, int most) {
        return new AnswerScanner.Feed() {
            private int released;

            @Override
            public int await(int have) {
                if (have >= bytes.length) {
                    return have;
                }
                released = Math.min(bytes.length, Math.max(released, have) + 1 + random.nextInt(most));
                return released;
            }

            @Override
            public byte[] bytes() {
                byte[] copy = new byte[bytes.length];
                System.arraycopy(bytes, 0, copy, 0, released);
                return copy;
            }
        };
    }
}
