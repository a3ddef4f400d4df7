package io.tapline.sdk.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseParserTest {

    private static final String SERVER_OUTPUT = "id: 12345\ndata: {\"id\":84321,\"url\":\"/v1/ü\"}\n\n"
            + ":\n\n"
            + "event: reset\nid: 20000\ndata: {\"reason\":\"restart\"}\n\n"
            + "event: dropped\nid: 20007\ndata: {\"missed\":7,\"fromId\":20001,\"toId\":20007}\n\n";

    private static List<SseEvent> parse(byte[]... chunks) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        for (byte[] c : chunks) {
            p.feed(c);
        }
        return out;
    }

    @Test
    void readsTheServersFramesEntriesNamedEventsAndHeartbeats() {
        List<SseEvent> events = parse(SERVER_OUTPUT.getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(
                new SseEvent(null, "12345", "{\"id\":84321,\"url\":\"/v1/ü\"}", false),
                SseEvent.comment(""),
                new SseEvent("reset", "20000", "{\"reason\":\"restart\"}", false),
                new SseEvent("dropped", "20007", "{\"missed\":7,\"fromId\":20001,\"toId\":20007}", false));
    }

    @Test
    void givesTheSameEventsWhereverTheBytesAreSplitEvenInsideAUtf8Sequence() {
        byte[] all = SERVER_OUTPUT.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = parse(all);
        for (int cut = 1; cut < all.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(all, cut, all.length);
            assertThat(parse(a, b)).as("split at %d", cut).isEqualTo(whole);
        }
        byte[][] single = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            single[i] = new byte[]{all[i]};
        }
        assertThat(parse(single)).isEqualTo(whole);
    }

    @Test
    void acceptsCrLfAndBareCrLineEndsIncludingACrLfSplitAcrossChunks() {
        assertThat(parse("id: 1\r\ndata: a\r".getBytes(), "\ndata: b\r\n\r\nid: 2\rdata: c\r\r".getBytes()))
                .containsExactly(new SseEvent(null, "1", "a\nb", false), new SseEvent(null, "2", "c", false));
    }

    @Test
    void followsTheFormatsFieldRules() {
        String text = "\uFEFFdata:no space\n\n"      // leading BOM skipped; the space after ':' is optional
                + "data\n\n"                         // a field without colon has an empty value
                + "id: 3\n\n"                        // no data: nothing is dispatched
                + "event: x\nfoo: bar\ndata:  two spaces\n\n" // unknown fields ignored; only one space stripped
                + "retry: 1500\nretry: soon\n"        // a non-numeric retry is ignored
                + "id: a\u0000b\ndata: d\n\n";       // an id with NUL is ignored
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        p.feed(text.getBytes(StandardCharsets.UTF_8));
        assertThat(out).containsExactly(
                new SseEvent(null, null, "no space", false),
                new SseEvent(null, null, "", false),
                new SseEvent("x", null, " two spaces", false),
                new SseEvent(null, null, "d", false));
        assertThat(p.retryMs()).isEqualTo(1500L);
    }

    @Test
    void anUnfinishedBlockIsNotDispatched() {
        assertThat(parse("id: 9\ndata: half".getBytes())).isEmpty();
    }

    @Test
    void refusesALineLongerThanTheLimitInsteadOfGrowingForever() {
        SseParser p = new SseParser(e -> { });
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        assertThatThrownBy(() -> {
            for (int i = 0; i <= SseParser.MAX_LINE_BYTES / chunk.length; i++) {
                p.feed(chunk);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("longer than");
    }
}
