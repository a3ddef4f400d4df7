package io.tapline.schema;

import java.util.Arrays;
import java.util.Map;

/**
 * The JSON-lines form the proxy ships to Logstash ({@code json_lines}) and to NDJSON files: one line per
 * record holding exactly its {@link EcsCodec} document, so Logstash's elasticsearch output stores it unchanged.
 */
public final class WireCodec {
    private WireCodec() {
    }

    /** The record's line, without a line terminator (JSON escapes any newline inside values). */
    public static String toLine(LogRecord record) {
        return Json.write(EcsCodec.toDocument(record));
    }

    /** The record's line as UTF-8, ending in {@code '\n'}, ready to append to a stream. */
    public static byte[] toLineBytes(LogRecord record) {
        byte[] json = Json.writeBytes(EcsCodec.toDocument(record));
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** The record of one line (a trailing {@code \n} or {@code \r\n} is allowed). */
    public static LogRecord fromLine(String line) {
        String json = line.strip();
        if (json.isEmpty()) {
            throw new IllegalArgumentException("empty line: expected one JSON object");
        }
        Map<String, Object> document = Json.readObject(json);
        return EcsCodec.fromDocument(document);
    }
}
