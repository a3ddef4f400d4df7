package io.tapline.sdk.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An incremental parser of the WHATWG {@code text/event-stream} format: bytes in, in chunks split anywhere
 * (even inside a UTF-8 sequence or a CRLF), {@link SseEvent}s out. Lines end in LF, CR or CRLF; a blank line
 * dispatches the block; {@code retry:} is remembered. Not thread-safe: one parser per connection.
 */
public final class SseParser {

    /** A line longer than this is refused: a stream of garbage must not eat the heap. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean afterCr;
    private boolean firstLine = true;

    private String event;
    private String id;
    private StringBuilder data;
    private Long retryMs;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    /** Parses every byte {@code buffer} has left. */
    public void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\r') {
                afterCr = true;
                endLine();
            } else if (b == '\n') {
                endLine();
            } else {
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new IllegalStateException("event-stream line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line.write(b);
            }
        }
    }

    /** Parses {@code bytes}, as {@link #feed(ByteBuffer)}. */
    public void feed(byte[] bytes) {
        feed(ByteBuffer.wrap(bytes));
    }

    /** The last valid {@code retry:} value in milliseconds, or null. */
    public Long retryMs() {
        return retryMs;
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            sink.accept(SseEvent.comment(text.substring(1).stripLeading()));
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() < 18) {
                    retryMs = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored, as the format says
            }
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new SseEvent(event == null || event.isEmpty() ? null : event, id, data.toString(), false));
        }
        event = null;
        id = null;
        data = null;
    }
}
