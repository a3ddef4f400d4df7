package io.tapline.proxy.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {
    private static final String W3C = "00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})";

    @Test
    void generatesAW3cTraceparentWhoseTraceIdIsTheRecordsTraceIdAndTheRequestId() {
        TraceContext t = TraceContext.from(null, null);
        assertThat(t.traceparent().toString()).matches(W3C).startsWith("00-" + t.traceId() + "-").endsWith("-01");
        assertThat(t.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(t.traceparent().toString().substring(36, 52)).isNotEqualTo("0".repeat(16));
        assertThat(t.requestId().toString()).isEqualTo(t.traceId());
    }

    @Test
    void generatedTraceIdsAndSpanIdsDoNotRepeat() {
        Set<String> traces = new HashSet<>();
        Set<String> spans = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            TraceContext t = TraceContext.from(null, null);
            traces.add(t.traceId());
            spans.add(t.traceparent().toString().substring(36, 52));
        }
        assertThat(traces).hasSize(100_000);
        assertThat(spans).hasSize(100_000);
    }

    @Test
    void keepsAValidIncomingTraceIdAndFlagsLowerCasedWithANewSpanForThisHop() {
        String in = " 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00 ";
        TraceContext t = TraceContext.from(in, null);
        assertThat(t.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(t.traceparent().toString()).matches(W3C).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .endsWith("-00").doesNotContain("00f067aa0ba902b7");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // unknown version
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", // not hex
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x", // flags not hex
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "", "garbage"})
    void replacesAnInvalidTraceparentWithAGeneratedOne(String invalid) {
        TraceContext t = TraceContext.from(invalid, null);
        assertThat(t.traceparent().toString()).matches(W3C).endsWith("-01");
        assertThat(t.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736").isNotEqualTo("0".repeat(32));
    }

    @Test
    void propagatesASafeRequestIdAndReplacesAnUnsafeOne() {
        assertThat(TraceContext.from(null, " req-42_a.b:c@d/e+f=g ").requestId().toString())
                .isEqualTo("req-42_a.b:c@d/e+f=g");
        TraceContext unsafe = TraceContext.from(null, "bad id\r\nX-Injected: 1");
        assertThat(unsafe.requestId().toString()).isEqualTo(unsafe.traceId());
        TraceContext tooLong = TraceContext.from(null, "a".repeat(129));
        assertThat(tooLong.requestId().toString()).isEqualTo(tooLong.traceId());
        assertThat(TraceContext.from(null, "a".repeat(128)).requestId()).hasSize(128);
        TraceContext empty = TraceContext.from(null, "  ");
        assertThat(empty.requestId().toString()).isEqualTo(empty.traceId());
    }
}
