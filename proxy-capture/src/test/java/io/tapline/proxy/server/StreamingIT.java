package io.tapline.proxy.server;

import io.netty.buffer.PooledByteBufAllocator;
import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 MB each way through the proxy: bodies stream, they are never buffered whole, and exactly the route's
 * capture cap is kept for the record.
 */
class StreamingIT {
    private static final long SIZE = 100L * 1024 * 1024;
    private static final long MAX_GROWTH = 32L * 1024 * 1024;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream upstream;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        proxy = new RunningProxy(RunningProxy.singleRoute(upstream.uri(), ""));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aHundredMegabyteChunkedUploadStreamsThroughWithBoundedMemoryAndACappedCapture() throws Exception {
        try (MemoryWatch watch = MemoryWatch.start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.uri("/upload"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"received\":" + SIZE);
            assertThat(watch.maxGrowth()).as("heap + pooled direct memory growth").isLessThan(MAX_GROWTH);
        }
        LogRecord request = proxy.sink.awaitOne(Kind.REQUEST, null, Duration.ofSeconds(5));
        assertThat(request.bytesIn()).isEqualTo(SIZE);
        assertThat(request.requestBody().content()).hasSize(1024);
        assertThat(request.requestBody().truncated()).isTrue();
    }

    @Test
    void aHundredMegabyteDownloadStreamsThroughWithBoundedMemoryAndACappedCapture() throws Exception {
        long received;
        try (MemoryWatch watch = MemoryWatch.start()) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(proxy.uri("/big?bytes=" + SIZE)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            received = count(r.body());
            assertThat(watch.maxGrowth()).as("heap + pooled direct memory growth").isLessThan(MAX_GROWTH);
        }
        assertThat(received).isEqualTo(SIZE);
        LogRecord response = proxy.sink.awaitOne(Kind.RESPONSE, null, Duration.ofSeconds(5));
        assertThat(response.bytesOut()).isEqualTo(SIZE);
        assertThat(response.responseBody().content()).hasSize(1024).matches("x+");
        assertThat(response.responseBody().truncated()).isTrue();
    }

    private static long count(InputStream in) throws Exception {
        long n = 0;
        byte[] b = new byte[64 * 1024];
        int r;
        try (in) {
            while ((r = in.read(b)) > 0) {
                n += r;
            }
        }
        return n;
    }

    /** A stream of {@code size} bytes of text, generated as it is read. */
    static final class PatternStream extends InputStream {
        private long left;

        PatternStream(long size) {
            left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'a' + (int) (left % 26) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ('a' + (int) ((left - i) % 26));
            }
            left -= n;
            return n;
        }
    }

    /**
     * Samples retained heap (after a GC) and Netty's pooled direct memory while a transfer runs; the growth
     * over the baseline is what the proxy holds on to, whatever the transfer's size.
     */
    static final class MemoryWatch implements AutoCloseable {
        private final long baseline = retained();
        private final AtomicLong max = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;

        private MemoryWatch() {
            sampler = new Thread(() -> {
                while (running.get()) {
                    max.accumulateAndGet(retained() - baseline, Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        static MemoryWatch start() {
            return new MemoryWatch();
        }

        static long retained() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return heap + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        }

        long maxGrowth() {
            max.accumulateAndGet(retained() - baseline, Math::max);
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }
}
