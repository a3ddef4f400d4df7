package io.tapline.bench.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseResponseParserTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    /** Every callback as a line of text. */
    private static final class Seen implements SseResponseParser.Events {
        final List<String> events = new ArrayList<>();

        @Override
        public void frame(long id, long capturedNanos) {
            events.add("frame " + id + " " + capturedNanos);
        }

        @Override
        public void dropped(long id) {
            events.add("dropped " + id);
        }

        @Override
        public void other(String event) {
            events.add("other " + event);
        }

        @Override
        public void error(String what) {
            events.add("error " + what);
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static String frame(long id, long captured) {
        return "id: " + id + "\ndata: {\"id\":7,\"traceId\":\"n" + captured + "\",\"url\":\"/é\"}\n\n";
    }

    /** Feeds {@code response} in pieces of {@code step} bytes, so that every boundary falls everywhere once. */
    private static Seen parse(String response, int step) {
        Seen seen = new Seen();
        SseResponseParser parser = new SseResponseParser(seen);
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += step) {
            parser.accept(bytes, i, Math.min(step, bytes.length - i));
        }
        assertThat(parser.status()).isEqualTo(200);
        return seen;
    }

    @Test
    void framesSplitAcrossChunksAndReadsAreParsedWhateverTheBoundaries() {
        String body = frame(10, 111) + ":\n\n" + frame(11, 222) + "event: dropped\nid: 15\ndata: {\"missed\":3}\n\n"
                + frame(16, 333);
        // the body in chunks of 7 bytes, unrelated to frame (or UTF-8 character) boundaries
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += 7) {
            int n = Math.min(7, b.length - i);
            response.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            response.write(b, i, n);
            response.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        response.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int step : new int[]{1, 2, 3, 5, 64, 100_000}) {
            Seen seen = new Seen();
            SseResponseParser parser = new SseResponseParser(seen);
            byte[] bytes = response.toByteArray();
            for (int i = 0; i < bytes.length; i += step) {
                parser.accept(bytes, i, Math.min(step, bytes.length - i));
            }
            assertThat(seen.events).as("step " + step)
                    .containsExactly("frame 10 111", "frame 11 222", "dropped 15", "frame 16 333");
            assertThat(parser.done()).as("the last chunk ends the body").isTrue();
        }
    }

    @Test
    void crlfAndCrLineEndsAreLineEndsToo() {
        String body = "id: 1\r\ndata: {\"traceId\":\"n5\"}\r\n\r\nid: 2\rdata: {\"traceId\":\"n6\"}\r\r";
        Seen seen = parse(HEAD + chunk(body), 1);
        assertThat(seen.events).containsExactly("frame 1 5", "frame 2 6");
    }

    @Test
    void idsThatDoNotIncreaseAndFramesWithoutIdOrDataAreErrors() {
        String body = frame(5, 1) + frame(5, 2) + frame(4, 3) + "data: {\"traceId\":\"n9\"}\n\n" + "id: 9\n\n";
        Seen seen = parse(HEAD + chunk(body), 1_000);
        assertThat(seen.events).containsExactly("frame 5 1", "error id 5 after 5", "frame 5 2",
                "error id 4 after 5", "frame 4 3", "error an event without an id", "frame -1 9",
                "error a frame without data");
    }

    @Test
    void otherEventsAreReportedAndAFrameWithoutCaptureTimeSaysSo() {
        String body = "event: reset\nid: 3\ndata: {}\n\n" + "id: 4\ndata: {\"traceId\":\"t-4\"}\n\n";
        Seen seen = parse(HEAD + chunk(body), 1_000);
        assertThat(seen.events).containsExactly("other reset", "frame 4 -1");
    }

    @Test
    void aBodyWithoutChunkingIsReadUntilTheEnd() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                + frame(1, 42);
        assertThat(parse(response, 3).events).containsExactly("frame 1 42");
    }

    @Test
    void aBadChunkSizeIsAnError() {
        Seen seen = parse(HEAD + "zz\r\nid: 1\n", 1_000);
        assertThat(seen.events).containsExactly("error bad chunk size");
    }
}
