package io.tapline.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded random records for comparing encoders: each optional field present or not independently, awkward text
 * (escapes, control characters, non-ASCII, emoji), odd URLs, headers with mixed-case and colliding names, and
 * enrichment maps holding every kind of value a caller may put there.
 */
final class RandomRecords {
    private static final String[] TEXT = {"", " ", "plain", "quote \" and backslash \\", "tab\tnew\nline\rcr",
            "\u0000\u0001\u001f control", "\u007f del", "caf\u00e9 na\u00efve", "\u4e2d\u6587\u65e5\u672c\u8a9e",
            "emoji \ud83d\ude80\ud83c\udf89", "line\u2028sep\u2029para", "</script>&<>'", "null", "{\"json\":1}",
            "\u00ff\u0100\u07ff\u0800\uffff", "a".repeat(300)};
    private static final String[] URLS = {"/", "/v1/users?page=2&sort=name", "/a?", "?only=query", "/p#frag?x",
            "http://host", "https://h.example:8443/p/q?x=1#f", "http://host?q", "ftp://x/y", "/caf\u00e9?\u00e9=1",
            "/a?b=1?c=2", "", "#", "/%2F%20?x=%00", "*"};

    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    LogRecord next() {
        LogRecord.Builder b = LogRecord.builder()
                .id(random.nextBoolean() ? random.nextLong() : random.nextInt(1000))
                .tsMs(random.nextInt(10) == 0 ? pick(new long[]{0L, 1L, 253_402_300_799_999L, 253_402_300_800_000L})
                        : 1_500_000_000_000L + (long) (random.nextDouble() * 400_000_000_000L))
                .kind(pick(Kind.values()))
                .level(pick(Level.values()));
        if (maybe()) b.traceId(text());
        if (maybe()) b.projectId(text());
        if (maybe()) b.containerId(text());
        if (maybe()) b.serviceName(text());
        if (maybe()) b.method(pick(new String[]{"GET", "POST", "DELETE", "g\u00e9t"}));
        if (maybe()) b.url(random.nextBoolean() ? pick(URLS) : pick(URLS) + text());
        if (maybe()) b.clientIp(pick(new String[]{"203.0.113.42", "::1", "2001:db8::7", "not an ip"}));
        if (maybe()) b.status(pick(new Integer[]{200, 404, 503, 0, -1, Integer.MAX_VALUE}));
        if (maybe()) b.bytesIn(pick(new Long[]{0L, 412L, Long.MAX_VALUE, -5L}));
        if (maybe()) b.bytesOut(pick(new Long[]{0L, 318L, Long.MIN_VALUE}));
        if (maybe()) b.durationMs(pick(new Long[]{0L, 102L, 9_223_372_036L, -3L}));
        if (maybe()) b.userAgent(text());
        if (maybe()) b.source(pick(Source.values()));
        if (maybe()) b.action(text());
        if (maybe()) b.message(text());
        if (maybe()) b.requestHeaders(headers());
        if (maybe()) b.requestBody(body());
        if (maybe()) b.responseBody(body());
        if (maybe()) b.enrichment(enrichment(0));
        return b.build();
    }

    List<LogRecord> next(int count) {
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = pick(new String[]{"accept", "x-request-id", "content-type", "user-agent", "zz", "a"});
            // Upper-case names go through the merging path: "Accept" and "accept" become one header.
            headers.put(random.nextInt(4) == 0 ? name.toUpperCase() : name, text());
        }
        return headers;
    }

    private Body body() {
        return new Body(random.nextBoolean() ? "{\"name\":\"ada\",\"n\":" + random.nextInt() + "}" : text(),
                random.nextBoolean(), random.nextBoolean() ? null : pick(new String[]{"application/json", "text/\u00e9"}));
    }

    /** Every kind of value an enricher or a caller may leave in the open map, nested a few levels. */
    private Map<String, Object> enrichment(int depth) {
        Map<String, Object> map = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
        int n = random.nextInt(depth == 0 ? 7 : 4);
        for (int i = 0; i < n; i++) {
            map.put(pick(new String[]{"route", "class", "slow", "geo", "n", "tags", "", "k\u00e9y", "a.b", "x"})
                    + (random.nextBoolean() ? "" : i), value(depth));
        }
        return map;
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth >= 3 ? 15 : 20);
        return switch (kind) {
            case 0 -> null;
            case 1 -> text();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextBoolean();
            case 5 -> pick(new Double[]{0.0, -0.0, 1.5, 1e300, 4.9e-324, Double.NaN, Double.POSITIVE_INFINITY, 100.0});
            case 6 -> pick(new Float[]{1.25f, Float.NaN, 3.4e38f});
            case 7 -> new BigDecimal(pick(new String[]{"1.10", "1E+400", "-0.000001", "123456789012345678901234567890.5"}));
            case 8 -> new BigInteger("123456789012345678901234567890");
            case 9 -> (short) 7;
            case 10 -> (byte) -3;
            case 11 -> pick(new Character[]{'c', '"', '\u00e9'});
            case 12 -> pick(Kind.values());
            case 13 -> new TreeSet<>(List.of("b", "a"));
            case 14 -> new int[]{1, 2, 3};
            case 15 -> enrichment(depth + 1);
            case 16 -> Arrays.asList(text(), null, random.nextInt(), enrichment(depth + 1));
            case 17 -> List.of();
            case 18 -> oddKeys();
            default -> Map.of();
        };
    }

    /** Keys that are not strings, and two that collide once turned into strings. */
    private Map<Object, Object> oddKeys() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "one as int");
        map.put("s", null);
        map.put(null, "null key");
        map.put("1", "one as string");
        map.put(Kind.EVENT, List.of(1, 2));
        return map;
    }

    private String text() {
        return random.nextInt(3) == 0 ? TEXT[random.nextInt(TEXT.length)] + TEXT[random.nextInt(TEXT.length)]
                : TEXT[random.nextInt(TEXT.length)];
    }

    private boolean maybe() {
        return random.nextBoolean();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }
}
