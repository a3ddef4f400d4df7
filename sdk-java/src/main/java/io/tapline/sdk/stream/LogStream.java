package io.tapline.sdk.stream;

import io.tapline.sdk.TaplineApiException;
import io.tapline.sdk.TaplineConnectionException;
import io.tapline.sdk.TaplineException;
import io.tapline.sdk.RateLimitedException;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live tail that survives lost connections: it reconnects on its own with {@code Last-Event-ID} set to the last
 * frame it handed out (with exponential backoff, honouring {@code Retry-After}), so that the caller sees every
 * entry once and in order. {@code reset}, {@code dropped} and {@code scope-destroyed} frames are passed through
 * as seed 004's example handles them; after {@code scope-destroyed} the stream ends.
 *
 * <p>Iterate it from one thread ({@code for (StreamFrame f : stream)}, or {@link #next(Duration)} to wait a bounded
 * time); {@link #close()} may be called from any thread and ends the iteration. A refusal that retrying cannot
 * fix (400, 401, 403, 404) is thrown from the iteration as its {@link TaplineApiException}.
 */
public final class LogStream implements Iterable<StreamFrame>, AutoCloseable {

    /** What the connections report, in the order they report it; the consumer thread acts on it. */
    private sealed interface Signal permits Opened, Event, Ended, Wake {
    }

    private record Opened(int generation) implements Signal {
    }

    private record Event(int generation, SseEvent event) implements Signal {
    }

    private record Ended(int generation, Throwable cause) implements Signal {
    }

    private record Wake() implements Signal {
    }

    private static final StreamFrame END = new StreamFrame(StreamFrame.Type.OTHER, "", null, "", null, null, null);

    private final StreamConnector connector;
    private final StreamOptions options;
    private final FrameReader reader;
    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile boolean closed;
    private volatile StreamConnector.Connection current;

    // Consumer thread only.
    private int generation;
    private volatile Long lastEventId; // read by other threads, e.g. a shutdown hook printing where to resume
    private long reconnectAtNanos;
    private long lastActivityNanos;
    private long openedAtNanos;
    private boolean sawFrame;
    private boolean everOpened;
    private int attempt;
    private boolean finished;
    private TaplineException failure;
    private StreamFrame lookahead;
    private final Iterator<StreamFrame> iterator = new FrameIterator();

    /**
     * @param connector   opens each connection
     * @param lastEventId where the first connection resumes, null to start live
     */
    public LogStream(StreamConnector connector, StreamOptions options, FrameReader reader, Long lastEventId) {
        this.connector = connector;
        this.options = options;
        this.reader = reader;
        this.lastEventId = lastEventId;
        this.reconnectAtNanos = System.nanoTime();
    }

    /** The id of the last frame handed out (or the resume point given at the start): pass it to resume later. */
    public Long lastEventId() {
        return lastEventId;
    }

    /** The frames, blocking for each; single use. */
    @Override
    public Iterator<StreamFrame> iterator() {
        return iterator;
    }

    /**
     * The next frame, waiting at most {@code timeout}; null when none came in time.
     *
     * @throws NoSuchElementException when the stream has ended (closed, scope destroyed, or reconnect off)
     * @throws TaplineException       when the server refused the stream for good
     */
    public StreamFrame next(Duration timeout) {
        if (lookahead == null) {
            lookahead = advance(System.nanoTime() + timeout.toNanos());
        }
        if (lookahead == END) {
            throw new NoSuchElementException("the stream has ended");
        }
        StreamFrame f = lookahead;
        lookahead = null;
        return f;
    }

    /** True once the stream will hand out no more frames. */
    public boolean isFinished() {
        return finished || closed;
    }

    /** Ends the stream and its connection; the iteration ends. Safe from any thread, idempotent. */
    @Override
    public void close() {
        closed = true;
        StreamConnector.Connection c = current;
        if (c != null) {
            c.cancel();
        }
        signals.offer(new Wake());
    }

    private final class FrameIterator implements Iterator<StreamFrame> {
        @Override
        public boolean hasNext() {
            if (lookahead == null) {
                lookahead = advance(Long.MAX_VALUE);
            }
            return lookahead != END;
        }

        @Override
        public StreamFrame next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream has ended");
            }
            StreamFrame f = lookahead;
            lookahead = null;
            return f;
        }
    }

    /** The next frame, END, or null when {@code deadline} passed first. */
    private StreamFrame advance(long deadline) {
        while (true) {
            if (failure != null) {
                TaplineException f = failure;
                failure = null;
                finish();
                throw f;
            }
            if (finished || closed) {
                finish();
                return END;
            }
            long now = System.nanoTime();
            if (current == null && now - reconnectAtNanos >= 0) {
                connect(now);
            }
            long wakeAt = deadline;
            if (current == null) {
                wakeAt = earliest(wakeAt, reconnectAtNanos);
            } else if (!options.idleTimeout().isZero()) {
                wakeAt = earliest(wakeAt, lastActivityNanos + options.idleTimeout().toNanos());
            }
            Signal s = poll(wakeAt - now);
            if (s == null) {
                now = System.nanoTime();
                if (current != null && !options.idleTimeout().isZero()
                        && now - (lastActivityNanos + options.idleTimeout().toNanos()) >= 0) {
                    StreamConnector.Connection silent = current;
                    disconnected(new TaplineConnectionException("no data, not even a heartbeat, for "
                            + options.idleTimeout().toSeconds() + " s", null));
                    silent.cancel();
                }
                if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                    return null;
                }
                continue;
            }
            StreamFrame frame = handle(s);
            if (frame != null) {
                return frame;
            }
        }
    }

    private static long earliest(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    private Signal poll(long nanos) {
        try {
            return nanos <= 0 ? signals.poll() : signals.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new TaplineConnectionException("interrupted while waiting for the stream", e);
        }
    }

    private void connect(long now) {
        generation++;
        int gen = generation;
        lastActivityNanos = now;
        openedAtNanos = now;
        sawFrame = false;
        current = connector.open(lastEventId, new ConnectionListener(gen));
        if (closed) {
            current.cancel();
        }
    }

    /** Acts on one signal; returns a frame to hand out, or null. */
    private StreamFrame handle(Signal s) {
        if (s instanceof Wake) {
            return null;
        }
        if (s instanceof Event e) {
            int left = buffered.decrementAndGet();
            StreamConnector.Connection c = current;
            if (e.generation() != generation || c == null) {
                return null; // a connection given up on; the next one replays what it had not delivered
            }
            if (left <= options.bufferFrames() / 2) {
                c.resume();
            }
            lastActivityNanos = System.nanoTime();
            return frame(e.event());
        }
        if (s instanceof Opened o) {
            if (o.generation() == generation) {
                lastActivityNanos = System.nanoTime();
                everOpened = true;
            }
            return null;
        }
        Ended end = (Ended) s;
        if (end.generation() != generation || current == null) {
            return null; // a late second report, or a connection already given up on
        }
        Throwable cause = unwrap(end.cause());
        if (!retryable(cause)) {
            current = null;
            failure = cause instanceof TaplineException t ? t
                    : new TaplineException("the event stream is malformed: " + describe(cause), cause);
            return null;
        }
        disconnected(cause);
        return null;
    }

    /** Whether reconnecting can help: a cut connection, a clean end, an overloaded or restarting server. */
    private static boolean retryable(Throwable cause) {
        if (cause == null) {
            return true;
        }
        if (cause instanceof TaplineApiException api) {
            return api.retryable() || api.statusCode() >= 500;
        }
        return cause instanceof TaplineConnectionException || cause instanceof java.io.IOException;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** The connection is gone: schedule the next one, or end the stream. */
    private void disconnected(Throwable cause) {
        current = null;
        if (!options.reconnect() || !everOpened && cause != null && !options.retryFirstConnect()) {
            if (cause != null) {
                failure = cause instanceof TaplineException t ? t
                        : new TaplineConnectionException("the stream's connection failed: " + describe(cause), cause);
            } else {
                finished = true;
            }
            return;
        }
        long now = System.nanoTime();
        boolean wasHealthy = sawFrame || now - openedAtNanos > options.maxBackoff().toNanos();
        attempt = wasHealthy ? 1 : attempt + 1;
        Duration wait = backoff(attempt);
        if (cause instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
            wait = limited.retryAfter().get();
        }
        reconnectAtNanos = now + wait.toNanos();
        String reason = cause == null ? "the server ended the stream" : describe(cause);
        try {
            options.onDisconnect().accept(new Disconnect(reason, cause, wait, attempt, lastEventId));
        } catch (RuntimeException ignored) {
            // a broken callback must not break the stream
        }
    }

    private Duration backoff(int attempt) {
        if (attempt <= 1 && sawFrame) {
            return Duration.ZERO; // a working connection dropped: come back at once, the ring holds the gap
        }
        long initial = Math.max(1, options.initialBackoff().toMillis());
        long max = options.maxBackoff().toMillis();
        long exp = initial << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(max, exp);
        // Full jitter in the upper half: clients cut by one server restart do not all return at once.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static String describe(Throwable t) {
        Throwable c = unwrap(t);
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The frame to hand out for {@code e}, or null when it is skipped (heartbeat not wanted, duplicate). */
    private StreamFrame frame(SseEvent e) {
        if (e.comment()) {
            return options.heartbeats() ? new StreamFrame(StreamFrame.Type.HEARTBEAT, "", null, e.data(),
                    null, null, null) : null;
        }
        StreamFrame.Type type = StreamFrame.typeOf(e.event());
        Long id = parseId(e.id());
        if (type != StreamFrame.Type.RESET && id != null && lastEventId != null && id <= lastEventId) {
            return null; // already handed out before the reconnect
        }
        StreamFrame f = reader.read(type, e.event() == null ? StreamFrame.MESSAGE : e.event(), id, e.data());
        if (id != null) {
            lastEventId = id;
        } else if (type == StreamFrame.Type.RESET) {
            lastEventId = null; // the old id is meaningless now; without a new one, reconnect live
        }
        sawFrame = true;
        if (type == StreamFrame.Type.SCOPE_DESTROYED) {
            finished = true;
            StreamConnector.Connection c = current;
            current = null;
            if (c != null) {
                c.cancel();
            }
        }
        return f;
    }

    private static Long parseId(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new TaplineException("the stream sent a non-numeric id");
        }
    }

    private void finish() {
        finished = true;
        StreamConnector.Connection c = current;
        current = null;
        if (c != null) {
            c.cancel();
        }
    }

    /** Turns a frame's data into typed payloads (the SDK's JSON mapper lives behind it). */
    @FunctionalInterface
    public interface FrameReader {
        /** @throws TaplineException when the data is not what a frame of {@code type} carries */
        StreamFrame read(StreamFrame.Type type, String event, Long id, String data);
    }

    private final class ConnectionListener implements StreamConnector.Listener {
        private final int gen;

        ConnectionListener(int gen) {
            this.gen = gen;
        }

        @Override
        public void opened() {
            signals.offer(new Opened(gen));
        }

        @Override
        public void event(SseEvent event) {
            buffered.incrementAndGet();
            signals.offer(new Event(gen, event));
        }

        @Override
        public void ended() {
            signals.offer(new Ended(gen, null));
        }

        @Override
        public void failed(Throwable cause) {
            signals.offer(new Ended(gen, cause));
        }

        @Override
        public boolean wantsMore() {
            return buffered.get() < options.bufferFrames() && !closed;
        }
    }
}
