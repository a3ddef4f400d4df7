package io.tapline.api.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, and a field quoted (quotes doubled) when it holds a comma, a quote,
 * CR or LF. Columns are the flat fields of a seed-004 entry, {@code data.*} flattened; nested objects (headers,
 * enrichment) are left out. A body column holds the captured text.
 */
final class CsvRowWriter implements RowWriter {

    static final List<String> COLUMNS = List.of("id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId",
            "containerId", "serviceName", "method", "url", "clientIp", "status", "bytesIn", "bytesOut", "durationMs",
            "userAgent", "source", "action", "message");

    private final Writer out;
    private final List<String> columns;

    CsvRowWriter(OutputStream out, boolean requestBody, boolean responseBody) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> columns = new ArrayList<>(COLUMNS);
        if (requestBody) {
            columns.add("requestBody");
        }
        if (responseBody) {
            columns.add("responseBody");
        }
        this.columns = List.copyOf(columns);
    }

    @Override
    public void begin() throws IOException {
        writeRow(columns);
    }

    @Override
    public void write(Map<String, Object> entry) throws IOException {
        List<String> row = new ArrayList<>(columns.size());
        for (String column : columns) {
            row.add(text(valueOf(entry, column)));
        }
        writeRow(row);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean trailer(int status, String error) throws IOException {
        out.flush();
        return false;
    }

    private static Object valueOf(Map<String, Object> entry, String column) {
        Object value = entry.get(column);
        if (value == null && entry.get("data") instanceof Map<?, ?> data) {
            value = data.get(column);
        }
        if (value instanceof Map<?, ?> body) {
            // a captured body as the API renders it: {"content":..., "truncated":..., "contentType":...}
            value = body.get("content");
        }
        return value;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private void writeRow(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
