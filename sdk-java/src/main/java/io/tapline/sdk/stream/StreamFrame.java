package io.tapline.sdk.stream;

import io.tapline.sdk.logs.LogEntry;

/**
 * One frame of the live tail, as seed 004's JavaScript example sees it: {@code event}, {@code id} and
 * {@code data}, with the data already parsed for the frame types Tapline sends.
 *
 * @param type    what the frame is
 * @param event   the SSE event name; {@code "message"} for an entry, {@code ""} for a heartbeat
 * @param id      the frame's ringSeq, null for a heartbeat
 * @param data    the raw data line(s)
 * @param entry   the log entry of an {@link Type#ENTRY} frame, and the proxy's event of a
 *                {@link Type#SCOPE_DESTROYED} frame; null otherwise
 * @param dropped the gap of a {@link Type#DROPPED} frame, null otherwise
 * @param reset   the explanation of a {@link Type#RESET} frame, null otherwise
 */
public record StreamFrame(Type type, String event, Long id, String data, LogEntry entry, Dropped dropped,
                          Reset reset) {

    /** The frame types; {@link #OTHER} is an event name this SDK does not know, passed through as it came. */
    public enum Type {
        /** A new log entry. */
        ENTRY,
        /** The server restarted; ids start afresh (the stream already adopted the new position). */
        RESET,
        /** Entries this stream missed; see {@link StreamFrame#dropped()}. */
        DROPPED,
        /** The container this stream follows was destroyed; the stream ends after this frame. */
        SCOPE_DESTROYED,
        /** A {@code :} keep-alive; delivered only when the stream's options ask for heartbeats. */
        HEARTBEAT,
        /** A named event this SDK does not know. */
        OTHER
    }

    public static final String MESSAGE = "message";
    public static final String RESET_EVENT = "reset";
    public static final String DROPPED_EVENT = "dropped";
    public static final String SCOPE_DESTROYED_EVENT = "scope-destroyed";

    /** The type an SSE event name stands for. */
    public static Type typeOf(String event) {
        if (event == null || event.equals(MESSAGE)) {
            return Type.ENTRY;
        }
        return switch (event) {
            case RESET_EVENT -> Type.RESET;
            case DROPPED_EVENT -> Type.DROPPED;
            case SCOPE_DESTROYED_EVENT -> Type.SCOPE_DESTROYED;
            default -> Type.OTHER;
        };
    }
}
