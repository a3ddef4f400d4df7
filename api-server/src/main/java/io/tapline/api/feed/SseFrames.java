package io.tapline.api.feed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Seed 004's SSE framing: {@code id: <ringSeq>} and {@code data: <one line of JSON>} frames, named events
 * ({@code event: reset}, {@code dropped}, {@code scope-destroyed}) and the {@code :} heartbeat. JSON from Jackson
 * never contains a raw line break, so one {@code data:} line always carries the whole entry.
 */
public final class SseFrames {

    /** The comment frame sent to keep an idle connection alive. */
    public static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    public static final String RESET = "reset";
    public static final String DROPPED = "dropped";
    public static final String SCOPE_DESTROYED = "scope-destroyed";

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    /** {@code id: <seq>\ndata: <json>\n\n}. */
    public static byte[] data(long seq, byte[] json) {
        return frame(null, seq, json);
    }

    /** {@code event: <name>\nid: <seq>\ndata: <json>\n\n}. */
    public static byte[] event(String name, long seq, byte[] json) {
        return frame(name, seq, json);
    }

    private static byte[] frame(String event, long seq, byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("an SSE data line must not contain a line break");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 48);
        if (event != null) {
            out.writeBytes(EVENT);
            out.writeBytes(event.getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        out.writeBytes(ID);
        out.writeBytes(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DATA);
        out.writeBytes(json);
        out.writeBytes(END);
        return out.toByteArray();
    }
}
