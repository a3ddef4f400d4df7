package io.tapline.bench.stream;

import java.nio.charset.StandardCharsets;

/**
 * The receiving end of one SSE response, parsed straight from the socket's bytes: the HTTP/1.1 status line and
 * headers, the chunked transfer coding (or a body delimited by the connection's end), and the event stream
 * itself as the SSE specification reads it: lines ending in LF, CRLF or CR, {@code :} comments, {@code field:
 * value} with one optional space, and an event dispatched at each blank line. Every frame's {@code id} is parsed
 * and checked to increase; every {@code data} line is scanned for the record's capture time. Nothing is decoded
 * to a {@code String}: the fields that matter are ASCII, which is what keeps 40,000 frames a second cheap.
 * Not thread-safe: one selector thread owns it.
 */
final class SseResponseParser {

    /** What a dispatched event is handed to. */
    interface Events {
        /** A plain {@code id}/{@code data} frame with the record's capture time ({@code -1} when it has none). */
        void frame(long id, long capturedNanos);

        /** An {@code event: dropped} frame. */
        void dropped(long id);

        /** Any other named event ({@code reset}, {@code scope-destroyed}): unexpected in the benchmark. */
        void other(String event);

        /** A violation of HTTP or SSE framing, or an id that did not increase. */
        void error(String what);
    }

    private static final byte[] TRACE = "\"traceId\":\"n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CHUNKED = "transfer-encoding: chunked".getBytes(StandardCharsets.US_ASCII);

    private enum State { HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, IDENTITY, DONE }

    private final Events events;
    private State state = State.HEADERS;
    private int status;
    private long chunkLeft;
    private boolean chunkSizeHasDigits;
    private boolean chunkSizeExtension;
    /** Bytes of the current header block or SSE line. */
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    // The event being assembled.
    private long id = -1;
    private boolean hasId;
    private boolean hasData;
    private long captured = -1;
    private String event;
    private long lastId = Long.MIN_VALUE;

    SseResponseParser(Events events) {
        this.events = events;
    }

    /** The response's status code, 0 until the headers are complete. */
    int status() {
        return status;
    }

    /** True once the response body has ended (a zero-length chunk). */
    boolean done() {
        return state == State.DONE;
    }

    /** Parses {@code length} more bytes of the response. */
    void accept(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case HEADERS -> i = headers(b, i, end);
                case CHUNK_SIZE -> i = chunkSize(b, i, end);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, end - i);
                    body(b, i, i + n);
                    chunkLeft -= n;
                    i += n;
                    if (chunkLeft == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    // the CRLF after a chunk's data
                    byte c = b[i++];
                    if (c == '\n') {
                        state = State.CHUNK_SIZE;
                    } else if (c != '\r') {
                        events.error("no CRLF after a chunk");
                        state = State.DONE;
                    }
                }
                case IDENTITY -> {
                    body(b, i, end);
                    i = end;
                }
                case DONE -> i = end;
            }
        }
    }

    private int headers(byte[] b, int i, int end) {
        while (i < end) {
            append(b[i++]);
            if (lineLength >= 4 && endsWith(HEADERS_END)) {
                String head = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
                // "HTTP/1.1 200 OK"
                int sp = head.indexOf(' ');
                status = sp > 0 && head.length() >= sp + 4 ? Integer.parseInt(head.substring(sp + 1, sp + 4)) : -1;
                boolean chunked = head.toLowerCase().contains(new String(CHUNKED, StandardCharsets.US_ASCII));
                lineLength = 0;
                state = chunked ? State.CHUNK_SIZE : State.IDENTITY;
                return i;
            }
        }
        return i;
    }

    private int chunkSize(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i++];
            if (c == '\n') {
                if (!chunkSizeHasDigits) {
                    events.error("empty chunk size");
                    state = State.DONE;
                    return end;
                }
                state = chunkLeft == 0 ? State.DONE : State.CHUNK_DATA;
                chunkSizeHasDigits = false;
                chunkSizeExtension = false;
                return i;
            }
            if (c == '\r' || chunkSizeExtension) {
                continue;
            }
            if (c == ';') {
                chunkSizeExtension = true;
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                events.error("bad chunk size");
                state = State.DONE;
                return end;
            }
            chunkLeft = chunkLeft * 16 + digit;
            chunkSizeHasDigits = true;
        }
        return i;
    }

    /** Event-stream bytes: split into lines (LF, CRLF or CR). */
    private void body(byte[] b, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                if (c == '\n' && afterCr && i == start && lineLength == 0) {
                    afterCr = false; // the LF of a CRLF whose CR ended the line
                    start = i + 1;
                    continue;
                }
                appendRange(b, start, i);
                line();
                lineLength = 0;
                afterCr = c == '\r';
                start = i + 1;
            } else {
                afterCr = false;
            }
        }
        appendRange(b, start, to);
    }

    private void line() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            return; // a comment: the heartbeat
        }
        int colon = 0;
        while (colon < lineLength && line[colon] != ':') {
            colon++;
        }
        int value = colon + 1;
        if (value < lineLength && line[value] == ' ') {
            value++;
        }
        value = Math.min(value, lineLength);
        if (is("id", colon)) {
            id = parseId(value);
            hasId = id >= 0;
        } else if (is("data", colon)) {
            hasData = true;
            long t = captureTime(value);
            if (t >= 0) {
                captured = t;
            }
        } else if (is("event", colon)) {
            event = new String(line, value, lineLength - value, StandardCharsets.UTF_8);
        }
    }

    private void dispatch() {
        if (!hasData && event == null && !hasId) {
            return; // blank lines between events
        }
        if (!hasId) {
            events.error("an event without an id");
        } else if (id <= lastId) {
            events.error("id " + id + " after " + lastId);
        }
        if (hasId) {
            lastId = Math.max(lastId, id);
        }
        if (event == null || event.equals("message")) {
            if (!hasData) {
                events.error("a frame without data");
            } else {
                events.frame(id, captured);
            }
        } else if (event.equals("dropped")) {
            events.dropped(id);
        } else {
            events.other(event);
        }
        id = -1;
        hasId = false;
        hasData = false;
        captured = -1;
        event = null;
    }

    private long parseId(int from) {
        if (from >= lineLength) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < lineLength; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                events.error("a non-numeric id");
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The digits after {@code "traceId":"n} in the data line, or -1. */
    private long captureTime(int from) {
        int at = indexOf(TRACE, from);
        if (at < 0) {
            return -1;
        }
        long v = 0;
        int i = at + TRACE.length;
        int start = i;
        while (i < lineLength && line[i] >= '0' && line[i] <= '9') {
            v = v * 10 + (line[i++] - '0');
        }
        return i > start ? v : -1;
    }

    private int indexOf(byte[] pattern, int from) {
        outer:
        for (int i = from; i <= lineLength - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (line[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean is(String field, int length) {
        if (length != field.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean endsWith(byte[] suffix) {
        for (int i = 0; i < suffix.length; i++) {
            if (line[lineLength - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private void append(byte c) {
        if (lineLength == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = c;
    }

    private void appendRange(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(b, from, line, lineLength, n);
        lineLength += n;
    }
}
