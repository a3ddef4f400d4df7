package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON-lines form the proxy ships to Logstash ({@code json_lines}) and to NDJSON files: one line per
 * record holding exactly its {@link EcsCodec} document, so Logstash's elasticsearch output stores it unchanged.
 * Lines are streamed by {@link EcsJsonWriter}, byte for byte what writing the document map would give.
 */
public final class WireCodec {
    private WireCodec() {
    }

    /** The record's line, without a line terminator (JSON escapes any newline inside values). */
    public static String toLine(LogRecord record) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator gen = Json.generator(out)) {
            EcsJsonWriter.write(record, gen);
        } catch (IOException e) {
            throw failure(e);
        }
        return out.toString();
    }

    /** The record's line as UTF-8, ending in {@code '\n'}, ready to append to a stream. */
    public static byte[] toLineBytes(LogRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator gen = Json.generator(out)) {
            EcsJsonWriter.write(record, gen);
        } catch (IOException e) {
            throw failure(e);
        }
        out.write('\n');
        return out.toByteArray();
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

    /** In-memory targets cannot fail; only a value Jackson cannot serialize can, and that is the caller's input. */
    private static RuntimeException failure(IOException e) {
        if (e instanceof JsonProcessingException j) {
            return new IllegalArgumentException("cannot write as JSON: " + j.getOriginalMessage(), e);
        }
        return new UncheckedIOException(e);
    }
}
