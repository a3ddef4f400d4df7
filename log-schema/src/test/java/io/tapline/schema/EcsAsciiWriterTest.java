package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcsAsciiWriterTest {
    private static final int RECORDS = 20_000;

    @Test
    void writesExactlyTheBytesOfTheJacksonPathForEveryRecordItAcceptsAndLeavesTheBufferAsItWasForTheOthers()
            throws IOException {
        JsonLineBuffer out = new JsonLineBuffer(16); // small: growing mid-string is part of the test
        int accepted = 0;
        int refused = 0;
        for (LogRecord record : new RandomRecords(7).next(RECORDS)) {
            out.write('#'); // bytes already in the buffer stay as they are
            int start = out.size();
            boolean written;
            try {
                written = EcsAsciiWriter.write(record, out);
            } catch (ArithmeticException e) {
                assertThatThrownBy(() -> jackson(record)).isInstanceOf(ArithmeticException.class);
                assertThat(out.size()).isEqualTo(start);
                continue;
            }
            if (written) {
                accepted++;
                byte[] mine = Arrays.copyOfRange(out.array(), start, out.size());
                assertThat(new String(mine, StandardCharsets.UTF_8)).as("%s", record)
                        .isEqualTo(new String(jackson(record), StandardCharsets.UTF_8));
                assertThat(mine).isEqualTo(jackson(record));
            } else {
                refused++;
                assertThat(out.size()).as("refused %s", record).isEqualTo(start);
                assertThat(notAsciiOrNotPlain(record)).as("refused %s", record).isTrue();
            }
            assertThat(out.array()[start - 1]).isEqualTo((byte) '#');
            out.reset();
        }
        // The random records hold non-ASCII text and enrichment maps often: both paths must be well exercised.
        assertThat(accepted).isGreaterThan(RECORDS / 50);
        assertThat(refused).isGreaterThan(RECORDS / 50);
    }

    @Test
    void escapesEveryAsciiCharacterAsJacksonDoes() throws IOException {
        for (char c = 0; c < 0x80; c++) {
            String text = "a" + c + "b" + c;
            LogRecord record = proxyRecord().toBuilder().message(text).requestHeaders(Map.of("x-" + (int) c, text))
                    .build();
            JsonLineBuffer out = new JsonLineBuffer(4);
            assertThat(EcsAsciiWriter.write(record, out)).as("char %d", (int) c).isTrue();
            assertThat(Arrays.copyOf(out.array(), out.size())).as("char %d", (int) c).isEqualTo(jackson(record));
        }
    }

    @Test
    void writesTheProxysRequestAndResponseRecordsAndNumbersAtTheirLimits() throws IOException {
        for (LogRecord record : new LogRecord[]{proxyRecord(),
                proxyRecord().toBuilder().kind(Kind.RESPONSE).status(Integer.MIN_VALUE).bytesOut(Long.MIN_VALUE)
                        .bytesIn(Long.MAX_VALUE).durationMs(-9_223_372_036L).build(),
                proxyRecord().toBuilder().status(0).bytesIn(-1L).requestBody(new Body("{\"a\":1}", true, null)).build()}) {
            JsonLineBuffer out = new JsonLineBuffer(64);
            assertThat(EcsAsciiWriter.write(record, out)).isTrue();
            assertThat(new String(out.array(), 0, out.size(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(jackson(record), StandardCharsets.UTF_8));
        }
    }

    @Test
    void writesEveryNumberAsLongToStringDoesAtEachDigitCountsEdgesAndAtRandom() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[]{p - 1, p, p + 1, 2 * p - 1}) {
                values.add(v);
                values.add(-v);
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        JsonLineBuffer out = new JsonLineBuffer(4);
        for (long v : values) {
            int start = out.size();
            EcsAsciiWriter.number(out, v);
            assertThat(new String(out.array(), start, out.size() - start, StandardCharsets.US_ASCII))
                    .as("%d", v).isEqualTo(Long.toString(v));
            assertThat(EcsAsciiWriter.digits(Math.abs(Math.max(v, -Long.MAX_VALUE))))
                    .as("digits of %d", v).isEqualTo(Long.toString(Math.abs(Math.max(v, -Long.MAX_VALUE))).length());
        }
    }

    @Test
    void leavesNonAsciiTextAndEnrichmentToJackson() {
        for (LogRecord record : new LogRecord[]{proxyRecord().toBuilder().url("/caf\u00e9").build(),
                proxyRecord().toBuilder().requestHeaders(Map.of("user-agent", "\ud83d\ude80")).build(),
                proxyRecord().toBuilder().enrichment(Map.of("n", 1)).build(),
                proxyRecord().toBuilder().requestHeaders(Map.of("Accept", "a", "accept", "b")).build()}) {
            JsonLineBuffer out = new JsonLineBuffer(64);
            out.write('x');
            assertThat(EcsAsciiWriter.write(record, out)).as("%s", record).isFalse();
            assertThat(out.size()).isEqualTo(1);
        }
    }

    @Test
    void aHeaderNameIsLowerCaseExactlyWhenLowerCasingLeavesItAsItIs() {
        for (String name : new String[]{"", "host", "x-request-id", "Host", "hosT", "a1-_.~!", "caf\u00e9", "CAF\u00c9",
                "\u0130", "\u0131", "\u212a", "stra\u00dfe", "\ud83d\ude80", "@[`{"}) {
            assertThat(EcsJsonWriter.isLowerCase(name)).as(name)
                    .isEqualTo(name.equals(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private static LogRecord proxyRecord() {
        return LogRecord.builder().id(383065221754785792L).traceId("f4a89346d2b30e8d30ee392705c11326")
                .tsMs(1_763_861_065_874L).kind(Kind.REQUEST).level(Level.INFO).projectId("proj_bench_on")
                .serviceName("bench-upstream").method("GET").url("/on/b?x=1").clientIp("127.0.0.1")
                .source(Source.BACKEND).bytesIn(0L).requestHeaders(Map.of("host", "127.0.0.1:46805")).build();
    }

    /** What the sinks wrote before: {@link EcsJsonWriter} through a default Jackson generator. */
    private static byte[] jackson(LogRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = Json.generator(out)) {
            EcsJsonWriter.write(record, gen);
        }
        return out.toByteArray();
    }

    /** Why a record may be refused: a character past ASCII in it, an enrichment map, or headers to merge. */
    private static boolean notAsciiOrNotPlain(LogRecord record) {
        boolean merged = record.requestHeaders() != null && record.requestHeaders().keySet().stream()
                .anyMatch(k -> !k.equals(k.toLowerCase(java.util.Locale.ROOT)));
        return record.toString().chars().anyMatch(ch -> ch >= 0x80)
                || (record.enrichment() != null && !record.enrichment().isEmpty()) || merged;
    }
}
