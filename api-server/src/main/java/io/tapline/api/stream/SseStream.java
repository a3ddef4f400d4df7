package io.tapline.api.stream;

import io.tapline.api.feed.Dropped;
import io.tapline.api.feed.FeedEntry;
import io.tapline.api.feed.FeedFilter;
import io.tapline.api.feed.FeedListener;
import io.tapline.api.feed.SseFrames;
import io.tapline.api.feed.SubscriberQueue;
import io.tapline.api.feed.Subscription;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open SSE response. The feed queues entries into its {@link SubscriberQueue} from the publishing thread
 * and, once per publish batch, has the stream's {@link IoDrainer} schedule a write; everything that touches the
 * socket runs on the connection's I/O thread and never blocks. What is pending for the stream is coalesced into
 * one buffer and written as one chunk (Undertow's chunked channel writes only the first buffer of a gathering
 * write, so one buffer per frame would take one event-loop turn per frame); when the socket does not take it
 * all, the stream waits for a write-ready callback instead of parking a thread. An idle stream holds no buffer,
 * only its small queue and cursor.
 */
final class SseStream implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);
    /** Frames per write, so that one busy stream does not monopolise its I/O thread. */
    static final int MAX_FRAMES_PER_WRITE = 256;
    /** Bytes coalesced into one write; a single larger frame still goes alone. */
    static final int MAX_BYTES_PER_WRITE = 64 * 1024;

    private final HttpServerExchange exchange;
    private final IoDrainer drainer;
    private final FeedFilter filter;
    private final SubscriberQueue queue;
    private final Runnable onEnd;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean heartbeatDue;
    private final long heartbeatNanos;
    /** When the next heartbeat is due (System.nanoTime); the heartbeat timer's thread only. */
    private long nextHeartbeat;
    private volatile Subscription subscription;

    // I/O thread only.
    private final ArrayDeque<byte[]> preamble = new ArrayDeque<>();
    private StreamSinkChannel channel;
    private boolean replaying;
    private ByteBuffer pending;
    private boolean closing;

    SseStream(HttpServerExchange exchange, IoDrainer drainer, FeedFilter filter, int queueCapacity,
              long heartbeatNanos, Runnable onEnd) {
        this.heartbeatNanos = heartbeatNanos;
        this.nextHeartbeat = System.nanoTime() + heartbeatNanos;
        this.exchange = exchange;
        this.drainer = drainer;
        this.filter = filter;
        this.queue = new SubscriberQueue(queueCapacity);
        this.onEnd = onEnd;
    }

    /** Called with the subscription before {@link #start}; decides what precedes the live frames. */
    void subscribed(Subscription s) {
        this.subscription = s;
        if (s.start() == Subscription.Start.RESET) {
            String json = "{\"reason\":\"Last-Event-ID is not from this server's current run; discard it\","
                    + "\"firstId\":" + (s.position() + 1) + "}";
            preamble.add(SseFrames.event(SseFrames.RESET, s.position(), json.getBytes(StandardCharsets.UTF_8)));
        }
        replaying = s.start() == Subscription.Start.RESUMED;
    }

    /** Starts writing; runs on the I/O thread once the handler has returned. */
    void start() {
        channel = exchange.getResponseChannel();
        channel.getWriteSetter().set(c -> drain());
        channel.getCloseSetter().set(c -> end());
        drain();
    }

    @Override
    public void onEntry(FeedEntry entry) {
        queue.offer(entry, filter.endsWith(entry));
    }

    @Override
    public void entriesQueued() {
        schedule();
    }

    /** Asks for a {@code :} heartbeat at the next write when one interval has passed since the last one. */
    void heartbeatIfDue(long now) {
        if (now - nextHeartbeat < 0) {
            return;
        }
        nextHeartbeat = now + heartbeatNanos;
        heartbeatDue = true;
        schedule();
    }

    private void schedule() {
        if (!ended.get() && scheduled.compareAndSet(false, true)) {
            drainer.schedule(this);
        }
    }

    /** Writes what is pending while the socket takes it; on the I/O thread. */
    void drain() {
        scheduled.set(false);
        if (channel == null || ended.get()) {
            return;
        }
        try {
            while (true) {
                if (pending != null) {
                    channel.write(pending);
                    if (pending.hasRemaining()) {
                        channel.resumeWrites();
                        return;
                    }
                    pending = null;
                    if (closing) {
                        finish();
                        return;
                    }
                }
                byte[] next = coalesce(nextFrames());
                if (next == null) {
                    if (channel.flush()) {
                        channel.suspendWrites();
                    } else {
                        channel.resumeWrites();
                    }
                    return;
                }
                pending = ByteBuffer.wrap(next);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stream write failed, closing: {}", e.toString());
            abort();
        }
    }

    /** The frames as one buffer (the frame itself when there is one), or null when there are none. */
    static byte[] coalesce(List<byte[]> frames) {
        if (frames.isEmpty()) {
            return null;
        }
        if (frames.size() == 1) {
            return frames.get(0);
        }
        int size = 0;
        for (byte[] f : frames) {
            size += f.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }

    /** What to write next, in order: up to {@link #MAX_FRAMES_PER_WRITE} frames or about {@link #MAX_BYTES_PER_WRITE}. */
    private List<byte[]> nextFrames() {
        Frames frames = new Frames();
        while (!preamble.isEmpty() && !frames.full()) {
            frames.add(preamble.poll());
        }
        if (replaying && !frames.full()) {
            Subscription.ReplayBatch batch = subscription.nextReplay(frames.room());
            if (batch.isEmpty()) {
                replaying = false;
            } else {
                if (batch.dropped() != null) {
                    frames.add(droppedFrame(batch.dropped()));
                }
                for (FeedEntry e : batch.entries()) {
                    if (add(frames, e)) {
                        return frames;
                    }
                }
                return frames;
            }
        }
        while (!frames.full()) {
            Object next = queue.poll();
            if (next == null) {
                break;
            }
            if (next instanceof Dropped d) {
                frames.add(droppedFrame(d));
            } else if (add(frames, (FeedEntry) next)) {
                return frames;
            }
        }
        if (heartbeatDue) {
            heartbeatDue = false;
            frames.add(SseFrames.HEARTBEAT);
        }
        return frames;
    }

    /** Adds the frame for {@code e}; true when it ends the stream (its container was destroyed). */
    private boolean add(List<byte[]> frames, FeedEntry e) {
        if (e.isLostNotice()) {
            frames.add(droppedFrame(new Dropped(e.lost(), e.seq(), e.seq(), true)));
            return false;
        }
        if (filter.endsWith(e)) {
            frames.add(SseFrames.event(SseFrames.SCOPE_DESTROYED, e.seq(), e.json()));
            closing = true;
            return true;
        }
        frames.add(e.frame());
        return false;
    }

    private static byte[] droppedFrame(Dropped d) {
        return SseFrames.event(SseFrames.DROPPED, d.toSeq(), d.json().getBytes(StandardCharsets.UTF_8));
    }

    /** The frames of one write, and their size. */
    private static final class Frames extends ArrayList<byte[]> {
        private int bytes;

        @Override
        public boolean add(byte[] frame) {
            bytes += frame.length;
            return super.add(frame);
        }

        boolean full() {
            return size() >= MAX_FRAMES_PER_WRITE || bytes >= MAX_BYTES_PER_WRITE;
        }

        int room() {
            return full() ? 0 : MAX_FRAMES_PER_WRITE - size();
        }
    }

    /** Ends the response cleanly after the last frame (scope destroyed): the client sees the stream close. */
    private void finish() throws IOException {
        end();
        channel.shutdownWrites();
        if (!channel.flush()) {
            channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                    c -> IoUtils.safeClose(c), (c, e) -> IoUtils.safeClose(exchange.getConnection())));
            channel.resumeWrites();
        }
    }

    /** Cuts the connection: the client is gone or the server is stopping. */
    void abort() {
        end();
        IoUtils.safeClose(exchange.getConnection());
    }

    /** Releases the subscription and the slot, once, however the stream ended. */
    void end() {
        if (ended.compareAndSet(false, true)) {
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            onEnd.run();
        }
    }

    /** Stops from any thread: the I/O thread does the closing. */
    void abortLater() {
        try {
            drainer.thread().execute(this::abort);
        } catch (RejectedExecutionException e) {
            end();
        }
    }
}
