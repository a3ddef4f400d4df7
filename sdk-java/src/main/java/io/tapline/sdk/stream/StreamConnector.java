package io.tapline.sdk.stream;

/**
 * Opens one connection of a {@link LogStream}. The SDK's implementation speaks HTTP; the interface keeps the
 * stream's resume logic free of it. Callbacks arrive on the connector's threads, in order per connection.
 */
public interface StreamConnector {

    /**
     * Starts a connection resuming after {@code lastEventId} (null: live). Returns at once; what happens is
     * reported to {@code listener}: {@link Listener#opened()}, then events, then exactly one of
     * {@link Listener#ended()} or {@link Listener#failed} (a listener must tolerate a second, late end report).
     */
    Connection open(Long lastEventId, Listener listener);

    /** One open (or opening) connection. */
    interface Connection {
        /** Aborts it; no further callbacks matter. Idempotent. */
        void cancel();

        /** Reading was paused because {@link Listener#wantsMore()} said no; read on. */
        void resume();
    }

    /** Receives what one connection delivers. */
    interface Listener {
        /** The server accepted the stream (200, {@code text/event-stream}). */
        void opened();

        /** One parsed block. */
        void event(SseEvent event);

        /** The server ended the response. */
        void ended();

        /** The connection failed, or the server refused the stream (a {@code TaplineApiException}). */
        void failed(Throwable cause);

        /** False when the consumer is behind; the connection then stops reading until {@link Connection#resume()}. */
        boolean wantsMore();
    }
}
