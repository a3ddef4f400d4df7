package io.tapline.sdk;

import io.tapline.sdk.stream.SseBodySubscriber;
import io.tapline.sdk.stream.StreamConnector;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the SSE connections of a {@link io.tapline.sdk.stream.LogStream} over the JDK {@code HttpClient}: the
 * credential, {@code Accept: text/event-stream}, {@code Last-Event-ID}; a refusal becomes the typed exception
 * of its status, a lost connection a {@link TaplineConnectionException}.
 */
final class HttpStreamConnector implements StreamConnector {

    private final Transport transport;
    private final String path;
    private final Map<String, String> query;

    HttpStreamConnector(Transport transport, String path, Map<String, String> query) {
        this.transport = transport;
        this.path = path;
        this.query = Map.copyOf(query);
    }

    @Override
    public Connection open(Long lastEventId, Listener listener) {
        HttpRequest.Builder request = transport.get(path, new java.util.LinkedHashMap<>(query), "text/event-stream")
                .header("Cache-Control", "no-cache");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        Handle handle = new Handle();
        CompletableFuture<HttpResponse<Void>> response = transport.http().sendAsync(request.build(), info -> {
            String type = info.headers().firstValue("Content-Type").orElse("");
            if (info.statusCode() == 200 && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                SseBodySubscriber body = new SseBodySubscriber(listener);
                handle.body = body;
                if (handle.cancelled) {
                    body.cancel();
                }
                listener.opened();
                return body;
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
                listener.failed(info.statusCode() == 200
                        ? new TaplineException("the stream endpoint answered " + type + ", not text/event-stream")
                        : transport.error(info.statusCode(), info.headers(), bytes));
                return null;
            });
        });
        handle.response = response;
        response.whenComplete((r, e) -> {
            if (e != null) {
                listener.failed(connectionFailure(e, handle.body != null));
            }
        });
        return handle;
    }

    private TaplineException connectionFailure(Throwable e, boolean opened) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof TaplineException t) {
            return t;
        }
        if (c instanceof HttpTimeoutException) {
            return new TaplineConnectionException("no answer from " + transport.base() + " in time", c);
        }
        if (c instanceof IOException) {
            return new TaplineConnectionException(opened
                    ? "stream connection to " + transport.base() + " lost: " + Transport.describe(c)
                    : "cannot reach " + transport.base() + ": " + Transport.describe(c), c);
        }
        return new TaplineConnectionException("stream connection to " + transport.base() + " failed: "
                + Transport.describe(c), c);
    }

    /** Cancels whichever part exists: the body subscription once the response started, else the exchange. */
    private static final class Handle implements Connection {
        volatile SseBodySubscriber body;
        volatile CompletableFuture<HttpResponse<Void>> response;
        volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
            SseBodySubscriber b = body;
            if (b != null) {
                b.cancel();
            }
            CompletableFuture<HttpResponse<Void>> r = response;
            if (r != null) {
                r.cancel(true);
            }
        }

        @Override
        public void resume() {
            SseBodySubscriber b = body;
            if (b != null) {
                b.resume();
            }
        }
    }
}
