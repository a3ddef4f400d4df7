package io.tapline.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.feed.FeedEntry;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.stream.SseClient.Frame;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalesced writes: everything pending for a stream goes out as one chunk, and what arrives is still exactly seed
 * 004's framing, byte for byte, with exact {@code dropped} counts.
 */
class CoalescedWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private StreamFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static List<LogRecord> records(int from, int count, String padding) {
        List<LogRecord> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(StreamFixture.record(i, "a1", padding + i));
        }
        return batch;
    }

    @Test
    void aBatchArrivesAsExactlyItsFramesInFewChunks() throws Exception {
        api = StreamFixture.start(RingFeed.DEFAULT_CAPACITY, Duration.ofSeconds(15), 1_024);
        try (RawStream raw = RawStream.open(api.server.adminAddress(), StreamFixture.STREAM,
                "X-API-Key: " + StreamFixture.ADMIN_TOKEN)) {
            api.awaitSubscribers(1);
            // 600 frames of about 400 B: more than one write can hold by frame count and by bytes
            List<FeedEntry> entries = api.feed.publishAll(records(1, 600, "p".repeat(300)));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (FeedEntry e : entries) {
                expected.writeBytes(e.frame());
            }

            byte[] body = raw.readBody(expected.size());

            assertThat(new String(body, StandardCharsets.UTF_8))
                    .isEqualTo(expected.toString(StandardCharsets.UTF_8));
            int bound = (expected.size() + SseStream.MAX_BYTES_PER_WRITE - 1) / SseStream.MAX_BYTES_PER_WRITE
                    + (entries.size() + SseStream.MAX_FRAMES_PER_WRITE - 1) / SseStream.MAX_FRAMES_PER_WRITE;
            assertThat(raw.chunks).as("one chunk per write, not per frame").isBetween(2, bound);
        }
    }

    @Test
    void aBatchLargerThanTheQueueIsDeliveredUpToTheBoundThenToldExactlyWhatWasMissed() throws Exception {
        api = StreamFixture.start(RingFeed.DEFAULT_CAPACITY, Duration.ofSeconds(15), 16);
        try (SseClient client = api.admin("")) {
            api.awaitSubscribers(1);
            // The stream's headers are out and nothing is scheduled: the batch fills its queue before any write.
            List<FeedEntry> entries = api.feed.publishAll(records(1, 100, "c"));

            List<Frame> delivered = client.take(16);
            assertThat(delivered).allMatch(Frame::isData);
            assertThat(delivered).extracting(Frame::id)
                    .containsExactlyElementsOf(entries.subList(0, 16).stream().map(FeedEntry::seq).toList());
            Frame dropped = client.nextNonComment();
            assertThat(dropped.event()).isEqualTo("dropped");
            JsonNode gap = JSON.readTree(dropped.data());
            assertThat(gap.get("missed").asLong()).isEqualTo(84);
            assertThat(gap.get("fromId").asLong()).isEqualTo(entries.get(16).seq());
            assertThat(gap.get("toId").asLong()).isEqualTo(entries.get(99).seq()).isEqualTo(dropped.id());

            // and it continues
            long next = api.feed.publish(StreamFixture.record(101, "a1", "c")).seq();
            Frame after = client.nextNonComment();
            assertThat(after.isData()).isTrue();
            assertThat(after.id()).isEqualTo(next);
        }
    }

    /** A plain socket reading an SSE response's chunked body: the exact bytes, and how many chunks carried them. */
    private static final class RawStream implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        int chunks;

        private RawStream(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static RawStream open(InetSocketAddress to, String path, String header) throws IOException {
            Socket socket = new Socket(to.getAddress(), to.getPort());
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawStream raw = new RawStream(socket);
            String head = raw.headers();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase()).contains("transfer-encoding: chunked").contains("text/event-stream");
            return raw;
        }

        private String headers() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(readByte());
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        /** Reads whole chunks until at least {@code n} body bytes have arrived. */
        byte[] readBody(int n) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (body.size() < n) {
                String sizeLine = line();
                int size = Integer.parseInt(sizeLine.trim(), 16);
                assertThat(size).as("the stream does not end").isPositive();
                body.writeBytes(in.readNBytes(size));
                assertThat(line()).as("CRLF after the chunk").isEmpty();
                chunks++;
            }
            return body.toByteArray();
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c; (c = readByte()) != '\n'; ) {
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        private int readByte() throws IOException {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the stream ended");
            }
            return c;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
