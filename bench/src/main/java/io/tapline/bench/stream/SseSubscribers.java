package io.tapline.bench.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's subscribers: many real SSE clients over plain sockets, served by a few selector threads (one
 * per core is plenty). Each subscriber sends a real {@code GET} with its tenant's header, reads the HTTP/1.1
 * response and parses every frame with a {@link SseResponseParser} (id checked to increase, capture time read
 * from the data). Latency is taken when a frame's blank line is parsed, from the record's capture time.
 *
 * <p>This replaced {@code java.net.http.HttpClient} with a line subscriber, which decoded every line to a
 * {@code String} through a chain of reactive hand-offs: with 1,000 subscribers at 40,000 frames a second it used
 * more CPU than the server it measured, on the same 2 cores, and its own backlog showed up as latency.
 */
final class SseSubscribers implements AutoCloseable {

    private final List<Reader> readers = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final CountDownLatch answered;
    private volatile long from = Long.MAX_VALUE;
    private volatile String firstError;
    private int next;

    SseSubscribers(int threads, int subscribers) throws IOException {
        this.answered = new CountDownLatch(subscribers);
        for (int i = 0; i < threads; i++) {
            Reader r = new Reader(Selector.open());
            readers.add(r);
            Thread t = new Thread(r, "sse-subscribers-" + i);
            t.setDaemon(true);
            r.thread = t;
            t.start();
        }
    }

    /** Opens one subscriber: connects, sends the request and hands the socket to a selector thread. */
    void subscribe(InetSocketAddress server, String path, String headerName, String headerValue) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nAccept: text/event-stream\r\n" + headerName + ": " + headerValue + "\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        channel.configureBlocking(false);
        Reader r = readers.get(next++ % readers.size());
        r.incoming.add(channel);
        r.selector.wakeup();
    }

    /** Waits until every subscriber has its response headers; false on timeout. */
    boolean awaitAnswered(long timeout, TimeUnit unit) throws InterruptedException {
        return answered.await(timeout, unit);
    }

    long refused() {
        return refused.get();
    }

    /** Frames captured from {@code nanoTime} on are measured; earlier ones are warm-up. */
    void measureFrom(long nanoTime) {
        from = nanoTime;
    }

    /** Measured frames so far. */
    long measured() {
        long n = 0;
        for (Reader r : readers) {
            n += r.count;
        }
        return n;
    }

    long dropped() {
        long n = 0;
        for (Reader r : readers) {
            n += r.dropped;
        }
        return n;
    }

    /** Framing errors and ids that did not increase; the first one is in {@link #firstError()}. */
    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    /** Named events other than {@code dropped}, and responses that ended: neither should happen here. */
    long unexpected() {
        return unexpected.get() + ended.get();
    }

    /** Every measured frame: its latency and its record's capture time (both ns, {@code System.nanoTime}). */
    record Samples(long[] latencies, long[] captured) {
    }

    /** Stops the selector threads and returns every measured sample, unsorted. */
    Samples stopAndCollect() throws InterruptedException {
        close();
        int total = 0;
        for (Reader r : readers) {
            total += r.count;
        }
        long[] latencies = new long[total];
        long[] captured = new long[total];
        int at = 0;
        for (Reader r : readers) {
            System.arraycopy(r.samples, 0, latencies, at, r.count);
            System.arraycopy(r.captured, 0, captured, at, r.count);
            at += r.count;
        }
        return new Samples(latencies, captured);
    }

    @Override
    public void close() throws InterruptedException {
        for (Reader r : readers) {
            r.stop = true;
            r.selector.wakeup();
        }
        for (Reader r : readers) {
            r.thread.join(10_000);
        }
    }

    /** One selector thread and the subscribers it reads. */
    private final class Reader implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        Thread thread;
        volatile boolean stop;
        long[] samples = new long[1 << 20];
        long[] captured = new long[1 << 20];
        volatile int count;
        volatile long dropped;

        Reader(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try (selector) {
                while (!stop) {
                    selector.select();
                    for (SocketChannel c; (c = incoming.poll()) != null; ) {
                        c.register(selector, SelectionKey.OP_READ, new Subscriber(this));
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read(key);
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void read(SelectionKey key) {
            SocketChannel channel = (SocketChannel) key.channel();
            Subscriber s = (Subscriber) key.attachment();
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    ended.incrementAndGet();
                    key.cancel();
                    channel.close();
                    return;
                }
                s.parser.accept(buffer.array(), 0, n);
                if (!s.answered && s.parser.status() != 0) {
                    s.answered = true;
                    if (s.parser.status() != 200) {
                        refused.incrementAndGet();
                    }
                    answered.countDown();
                }
            } catch (IOException e) {
                error("read failed: " + e);
                key.cancel();
            }
        }

        void sample(long capturedNanos, long latency) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
                captured = Arrays.copyOf(captured, captured.length * 2);
            }
            samples[count] = latency;
            captured[count] = capturedNanos;
            count = count + 1; // one writer: this thread
        }
    }

    private void error(String what) {
        if (errors.getAndIncrement() == 0) {
            firstError = what;
        }
    }

    /** The parser callbacks of one subscriber. */
    private final class Subscriber implements SseResponseParser.Events {
        final Reader reader;
        final SseResponseParser parser = new SseResponseParser(this);
        boolean answered;

        Subscriber(Reader reader) {
            this.reader = reader;
        }

        @Override
        public void frame(long id, long capturedNanos) {
            long now = System.nanoTime();
            if (capturedNanos < 0) {
                error("frame " + id + " carries no capture time");
            } else if (capturedNanos >= from) {
                reader.sample(capturedNanos, now - capturedNanos);
            }
        }

        @Override
        public void dropped(long id) {
            reader.dropped = reader.dropped + 1;
        }

        @Override
        public void other(String event) {
            unexpected.incrementAndGet();
        }

        @Override
        public void error(String what) {
            SseSubscribers.this.error(what);
        }
    }
}
