package io.tapline.api.stream;

import io.tapline.api.feed.FeedFilter;
import io.tapline.api.feed.LiveFeed;
import io.tapline.api.feed.Subscription;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open SSE streams of one API server: opens a stream on a request, sends every stream a {@code :}
 * heartbeat each interval from one timer thread, and cuts them all when the server stops.
 */
public final class StreamHub implements AutoCloseable {

    private final LiveFeed feed;
    private final StreamSettings settings;
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public StreamHub(LiveFeed feed, StreamSettings settings) {
        this.feed = feed;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapline-stream-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        timer.scheduleAtFixedRate(() -> open.forEach(SseStream::heartbeat), every, every, TimeUnit.MILLISECONDS);
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
        SseStream stream = new SseStream(exchange, filter, settings.queueCapacity(), () -> {
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
