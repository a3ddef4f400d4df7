package io.tapline.api.query;

import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.api.params.ParameterSpec;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random and hostile parameter values (huge and negative numbers, unicode, control characters,
 * broken percent-encoding, JSON and Lucene injection into {@code query}) sent over real HTTP to the API over the
 * embedded node: every answer is a 200 or a 4xx in the seed's error shape, never a 5xx.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsFuzzIT {
    private static final String LOGS = LogsConformanceIT.LOGS;
    private static final long DAY = 1_738_972_800_000L; // 2025-02-08
    private static final int REQUESTS = 2_500;
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 403, 410);

    private static final List<String> HOSTILE = List.of(
            "", " ", "0", "-1", "-0", "+1", "1e3", "0x10", "1.5", "NaN", "Infinity", "null", "true", "[]", "{}",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999999",
            "2147483648", "4294967296", "1000001", "253402300800000",
            "*", "?", "\\", "\"", "'", "`", "(", ")", "[", "]", "{", "}", "~", "^", ":", "/", "!", "&&", "||",
            "a OR b", "a AND NOT b", "NOT *", "field:value", "tapline.project_id:*", "_id:1", "/.*/", "a~2", "a^10",
            "\"unbalanced", "(((((((", "a:[* TO *]", "*:*", "{\"match_all\":{}}", "\"},{\"match_all\":{}},{\"a\":\"",
            "\\u0000", "\u0000", "\u0001\u001f", "\u007f", "\u202e\u2066", "ünïcode", "日本語のログ", "🙂🙃", "\uD800",
            "<script>alert(1)</script>", "' OR '1'='1", "; DROP TABLE logs; --", "%00", "%zz", "%", "%2", "${jndi:x}",
            "2024-06-12T14:33:54Z", "2024-06-12T14:33:54+02:00", "2024-06-12T14:33:54", "2024-06-12",
            "2024-13-45T99:99:99Z", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-2024-06-12T14:33:54Z",
            "request", "response", "event", "backend", "edge", "GET", "get", "debug,info,warn,error,critical",
            "warn,,error", ",", "error,bogus", "json", "ndjson", "csv", "CSV", "xml");

    /** Valid companions of a hostile full text, so that the request as a whole gets to Elasticsearch. */
    private static final List<String> VALID = List.of("limit=5", "kind=event", "level=warn,error", "format=ndjson",
            "afterId=0", "last=3", "minLevel=info", "includeResponseBody=true", "since=2025-02-08T00:00:00Z");

    private ElasticsearchConnection connection;
    private LiveApi api;
    private String tenantToken;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        QueryDataset.generate("fuzz", DAY, 300, 909).index(connection);
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .querySettings(QuerySettings.builder().adminFanout(true).build())
                // thousands of requests from one principal: the search rate limit is not what this test is about
                .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(1_000_000))));
        tenantToken = TestTokens.tenant("fuzzer", "fuzz_a");
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    @Test
    void noValueOfAnyParameterEverCausesA5xx() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<ParameterSpec> specs = LogsParameters.ALL;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            List<String> pairs = new ArrayList<>();
            int count = i % 3 == 0 ? 0 : 1 + random.nextInt(4);
            for (int p = 0; p < count; p++) {
                String name = random.nextInt(20) == 0 ? randomText(random, 1 + random.nextInt(12))
                        : specs.get(random.nextInt(specs.size())).name();
                pairs.add(encode(random, name) + "=" + value(random));
            }
            if (i % 3 == 0) {
                // a hostile full text on an otherwise valid request, so that it reaches Elasticsearch
                pairs.add("query=" + URLEncoder.encode(textQuery(random), StandardCharsets.UTF_8));
                pairs.add(VALID.get(random.nextInt(VALID.size())));
            }
            String path = LOGS + "?" + String.join("&", pairs);
            HttpResponse<String> response = random.nextBoolean()
                    ? api.admin(path, "X-API-Key", RunningApi.ADMIN_TOKEN)
                    : api.tenant(path, TestTokens.bearer(tenantToken));
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(ALLOWED).as("seed %d, request %s -> %s", seed, path, response.body())
                    .contains(response.statusCode());
            if (response.statusCode() != 200) {
                Map<String, Object> error = json(response);
                assertThat(error.keySet()).as(path).containsExactly("statusCode", "error", "message");
                assertThat(error.get("statusCode")).isEqualTo(response.statusCode());
                assertThat(((String) error.get("message")).length()).as(path).isLessThan(400);
            }
        }
        // both outcomes are exercised, not just the cheap refusals
        assertThat(statuses.getOrDefault(200, 0)).as("seed %d: %s", seed, statuses).isGreaterThan(REQUESTS / 10);
        assertThat(statuses.getOrDefault(400, 0)).as("seed %d: %s", seed, statuses).isGreaterThan(REQUESTS / 4);
    }

    @Test
    void theLongestAcceptedQueryOfManyShortWordsIsAnsweredOr400NeverA500() {
        StringBuilder words = new StringBuilder();
        while (words.length() < 510) {
            words.append("a ");
        }
        for (String text : List.of(words.toString().trim(), "x".repeat(512), "1 ".repeat(256).trim(),
                "a-".repeat(256), "日".repeat(512))) {
            HttpResponse<String> response = api.admin(LOGS + "?query=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
                    "X-API-Key", RunningApi.ADMIN_TOKEN);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        }
        HttpResponse<String> tooLong = api.admin(LOGS + "?query=" + "x".repeat(513), "X-API-Key", RunningApi.ADMIN_TOKEN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("message")).isEqualTo(
                "query must be between 1 and 512 non-blank characters without control characters");
    }

    @Test
    void malformedPercentEscapesThatNoHttpClientLibraryWouldSendAre400() throws Exception {
        for (String query : List.of("query=%zz", "limit=%g4", "projectId=%", "level=%E2%82", "cursor=%%%")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.server.adminAddress().getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + LOGS + "?" + query + " HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                        + RunningApi.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(query).startsWith("HTTP/1.1 400");
                assertThat(answer).as(query).contains("\"statusCode\":400");
            }
        }
    }

    private static String value(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> encode(random, randomText(random, random.nextInt(40)));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Integer.toString(random.nextInt(2_000) - 50);
            case 3 -> rawPercent(random);
            default -> encode(random, HOSTILE.get(random.nextInt(HOSTILE.size())));
        };
    }

    private static String textQuery(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(6);
        for (int w = 0; w < words; w++) {
            text.append(random.nextBoolean() ? HOSTILE.get(random.nextInt(HOSTILE.size())) : randomText(random, 8))
                    .append(' ');
        }
        String trimmed = text.toString().trim();
        return trimmed.isBlank() ? "x" : trimmed.substring(0, Math.min(512, trimmed.length()));
    }

    /** Mostly printable, with control characters, surrogates and astral code points mixed in. */
    private static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                s.append((char) (' ' + random.nextInt(95)));
            } else if (pick < 8) {
                s.appendCodePoint(0x80 + random.nextInt(0x2000));
            } else if (pick < 9) {
                s.appendCodePoint(0x1F300 + random.nextInt(200));
            } else {
                s.append((char) random.nextInt(32));
            }
        }
        return s.toString();
    }

    /** Percent-encodes; now and then a space goes as '+', which the decoder must read as a space. */
    private static String encode(Random random, String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        return random.nextInt(5) == 0 ? encoded : encoded.replace("+", "%20");
    }

    /** Percent escapes of random bytes: mostly not valid UTF-8 (lone continuation bytes, truncated sequences). */
    private static String rawPercent(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(String.format("%%%02X", random.nextInt(256)));
        }
        return s.toString();
    }
}
