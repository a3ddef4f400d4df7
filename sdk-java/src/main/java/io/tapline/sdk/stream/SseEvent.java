package io.tapline.sdk.stream;

/**
 * One dispatched block of a {@code text/event-stream}, before it means anything: its {@code event} name,
 * {@code id} and joined {@code data} lines, or a comment line (the server's {@code :} heartbeat).
 *
 * @param event   the {@code event:} field, null for the default ({@code message})
 * @param id      the {@code id:} field of this block, null when it had none
 * @param data    the {@code data:} lines joined by {@code \n}; for a comment, its text
 * @param comment true for a comment line
 */
public record SseEvent(String event, String id, String data, boolean comment) {

    /** A comment line ({@code :text}). */
    public static SseEvent comment(String text) {
        return new SseEvent(null, null, text, true);
    }
}
