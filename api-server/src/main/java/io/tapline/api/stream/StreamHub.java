package io.tapline.api.stream;

import io.tapline.api.feed.FeedFilter;
import io.tapline.api.feed.LiveFeed;
import io.tapline.api.feed.Subscription;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.XnioIoThread;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open SSE streams of one API server: opens a stream on a request, sends every stream a {@code :}
 * heartbeat each interval from one timer thread, and cuts them all when the server stops. Each stream's
 * heartbeats are timed from its own start (the timer only ticks finer than the interval), so that the first one
 * comes a full interval after the client connected, not whenever a hub-wide clock happens to strike.
 */
public final class StreamHub implements AutoCloseable {

    private final LiveFeed feed;
    private final StreamSettings settings;
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();
    private final Map<XnioIoThread, IoDrainer> drainers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public StreamHub(LiveFeed feed, StreamSettings settings) {
        this.feed = feed;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapline-stream-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // A tenth of the interval, within 10 ms..1 s: a 15 s heartbeat comes after 15 to 16 s. Fixed delay, so that
        // a timer held up by a busy machine does not fire its missed ticks back to back.
        long tick = Math.max(10, Math.min(1_000, settings.heartbeat().toMillis() / 10));
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            open.forEach(s -> s.heartbeatIfDue(now));
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the 200 {@code text/event-stream} response and subscribes it to the feed; the frames are written
     * on the exchange's I/O thread after the calling handler returns.
     *
     * @param onEnd runs once when the stream ends, however it ends
     */
    void open(HttpServerExchange exchange, FeedFilter filter, Long lastEventId, Runnable onEnd) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.CONNECTION, "keep-alive");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        SseStream[] self = new SseStream[1];
        IoDrainer drainer = drainers.computeIfAbsent(exchange.getIoThread(), IoDrainer::new);
        SseStream stream = new SseStream(exchange, drainer, filter, settings.queueCapacity(),
                settings.heartbeat().toNanos(), () -> {
            open.remove(self[0]);
            onEnd.run();
        });
        self[0] = stream;
        open.add(stream);
        Subscription subscription = feed.subscribe(filter, lastEventId, stream);
        stream.subscribed(subscription);
        exchange.addExchangeCompleteListener((ex, next) -> {
            stream.end();
            next.proceed();
        });
        exchange.getConnection().addCloseListener(c -> stream.end());
        exchange.dispatch(exchange.getIoThread(), stream::start);
    }

    /** Streams open now. */
    public int openStreams() {
        return open.size();
    }

    public LiveFeed feed() {
        return feed;
    }

    /** Stops the heartbeats and cuts every open stream. */
    @Override
    public void close() {
        timer.shutdownNow();
        open.forEach(SseStream::abortLater);
    }
}
