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
import org.xnio.XnioIoThread;
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
 * One open SSE response. The feed queues entries into its {@link SubscriberQueue} from the publishing thread;
 * everything that touches the socket runs on the connection's I/O thread and never blocks: frames are written
 * while the socket takes them, and when it does not, the stream waits for a write-ready callback instead of
 * parking a thread. An idle stream holds no buffer, only its small queue and cursor.
 */
final class SseStream implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);
    /** Frames per write, so that one busy stream does not monopolise its I/O thread. */
    private static final int MAX_FRAMES_PER_WRITE = 64;

    private final HttpServerExchange exchange;
    private final XnioIoThread io;
    private final FeedFilter filter;
    private final SubscriberQueue queue;
    private final Runnable onEnd;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean heartbeatDue;
    private volatile Subscription subscription;

    // I/O thread only.
    private final ArrayDeque<byte[]> preamble = new ArrayDeque<>();
    private StreamSinkChannel channel;
    private boolean replaying;
    private ByteBuffer[] pending;
    private boolean closing;

    SseStream(HttpServerExchange exchange, FeedFilter filter, int queueCapacity, Runnable onEnd) {
        this.exchange = exchange;
        this.io = exchange.getIoThread();
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
        schedule();
    }

    /** Asks for a {@code :} heartbeat at the next write. */
    void heartbeat() {
        heartbeatDue = true;
        schedule();
    }

    private void schedule() {
        if (!ended.get() && scheduled.compareAndSet(false, true)) {
            try {
                io.execute(this::drain);
            } catch (RejectedExecutionException e) {
                end(); // the server is stopping: its I/O threads take no more work
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        if (channel == null || ended.get()) {
            return;
        }
        try {
            while (true) {
                if (pending != null) {
                    channel.write(pending);
                    if (remaining(pending)) {
                        channel.resumeWrites();
                        return;
                    }
                    pending = null;
                    if (closing) {
                        finish();
                        return;
                    }
                }
                List<byte[]> frames = nextFrames();
                if (frames.isEmpty()) {
                    if (channel.flush()) {
                        channel.suspendWrites();
                    } else {
                        channel.resumeWrites();
                    }
                    return;
                }
                pending = new ByteBuffer[frames.size()];
                for (int i = 0; i < pending.length; i++) {
                    pending[i] = ByteBuffer.wrap(frames.get(i));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stream write failed, closing: {}", e.toString());
            abort();
        }
    }

    private List<byte[]> nextFrames() {
        List<byte[]> frames = new ArrayList<>();
        while (!preamble.isEmpty() && frames.size() < MAX_FRAMES_PER_WRITE) {
            frames.add(preamble.poll());
        }
        if (replaying && frames.size() < MAX_FRAMES_PER_WRITE) {
            Subscription.ReplayBatch batch = subscription.nextReplay(MAX_FRAMES_PER_WRITE - frames.size());
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
        while (frames.size() < MAX_FRAMES_PER_WRITE) {
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

    private static boolean remaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
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
            io.execute(this::abort);
        } catch (RejectedExecutionException e) {
            end();
        }
    }
}
