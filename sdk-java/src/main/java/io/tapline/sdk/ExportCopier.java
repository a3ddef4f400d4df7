package io.tapline.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.logs.ExportFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Copies an export stream byte for byte while counting its rows: NDJSON lines, or CSV records (a line break
 * inside a quoted field does not end one; the header row is not counted). An NDJSON
 * {@code {"__trailer":true,...}} line is not copied: it becomes the typed exception of its status.
 */
final class ExportCopier {

    private static final byte[] TRAILER = "{\"__trailer\"".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;

    ExportCopier(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    long copy(InputStream in, ExportFormat format, OutputStream out, LongConsumer onRow) throws IOException {
        return format == ExportFormat.CSV ? copyCsv(in, out, onRow) : copyNdjson(in, out, onRow);
    }

    private long copyNdjson(InputStream in, OutputStream out, LongConsumer onRow) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[64 * 1024];
        long rows = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                line.write(b);
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    line.reset();
                    if (startsWith(bytes, TRAILER)) {
                        throw trailer(bytes, rows);
                    }
                    out.write(bytes);
                    onRow.accept(++rows);
                }
            }
        }
        if (line.size() > 0) {
            throw new TaplineConnectionException("the export ended in the middle of an entry after " + rows
                    + " entries", null);
        }
        return rows;
    }

    private TaplineApiException trailer(byte[] line, long rows) {
        int status = 500;
        String error = "stream_failed";
        try {
            JsonNode t = mapper.readTree(line);
            status = t.path("status").asInt(500);
            error = t.path("error").asText(error);
        } catch (IOException ignored) {
            // keep the generic values
        }
        String message = "the export stopped after " + rows + " entries: " + error
                + ("snapshot_expired".equals(error) ? " (the server's snapshot expired; start the export again)" : "");
        return TaplineApiException.of(status, Transport.reason(status), message,
                new String(line, StandardCharsets.UTF_8).trim(), null);
    }

    private static long copyCsv(InputStream in, OutputStream out, LongConsumer onRow) throws IOException {
        byte[] buf = new byte[64 * 1024];
        boolean quoted = false;
        boolean header = true;
        boolean rowStarted = false;
        long rows = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '"') {
                    quoted = !quoted; // a doubled quote toggles twice: still inside
                } else if (b == '\n' && !quoted) {
                    if (header) {
                        header = false;
                    } else {
                        onRow.accept(++rows);
                    }
                    rowStarted = false;
                    continue;
                }
                if (b != '\r') {
                    rowStarted = true;
                }
            }
        }
        if (quoted || rowStarted) {
            throw new TaplineConnectionException("the export ended in the middle of a row after " + rows + " rows",
                    null);
        }
        return rows;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
