package io.tapline.sdk.stream;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK {@code HttpClient} body subscriber of an SSE response: parses the bytes as they come and hands each
 * event to a {@link StreamConnector.Listener}, reading on only while the listener wants more, so that a slow
 * consumer slows the socket (and the server notices) instead of filling the heap.
 */
public final class SseBodySubscriber implements HttpResponse.BodySubscriber<Void>, StreamConnector.Connection {

    private final StreamConnector.Listener listener;
    private final SseParser parser;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Flow.Subscription subscription;

    public SseBodySubscriber(StreamConnector.Listener listener) {
        this.listener = listener;
        this.parser = new SseParser(listener::event);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled.get()) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (cancelled.get()) {
            return;
        }
        try {
            for (ByteBuffer b : buffers) {
                parser.feed(b);
            }
        } catch (RuntimeException e) {
            cancel();
            listener.failed(e);
            body.completeExceptionally(e);
            return;
        }
        if (listener.wantsMore()) {
            subscription.request(1);
            return;
        }
        paused.set(true);
        // The consumer may have caught up between the check and the flag; re-check so that no one waits forever.
        if (listener.wantsMore() && paused.compareAndSet(true, false)) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        listener.failed(throwable);
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        listener.ended();
        body.complete(null);
    }

    @Override
    public void resume() {
        if (paused.compareAndSet(true, false) && !cancelled.get()) {
            subscription.request(1);
        }
    }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
