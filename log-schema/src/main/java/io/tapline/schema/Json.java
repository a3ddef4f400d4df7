package io.tapline.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;

/**
 * Owns the one Jackson {@link ObjectMapper} of the schema's codecs: compact single-line output that never
 * writes nulls. The mapper is configured once here and never handed out, so nobody can reconfigure it.
 */
public final class Json {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // Nulls are absent in every shape, also inside maps (an enrichment value, a header).
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** One line of JSON for a value made of maps, lists, strings, numbers and booleans. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Like {@link #write} but as UTF-8 bytes, avoiding the intermediate string on hot paths. */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A generator configured like this mapper's own output (its codec is the mapper), writing UTF-8. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.createGenerator(out);
    }

    /** A generator configured like this mapper's own output (its codec is the mapper), writing characters. */
    static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.createGenerator(out);
    }

    /** Writes {@code value} with this mapper into a generator that has no codec of its own. */
    static void writeValue(JsonGenerator gen, Object value) throws IOException {
        MAPPER.writeValue(gen, value);
    }

    /** Parses a JSON object; throws {@link IllegalArgumentException} when the text is not one. */
    public static Map<String, Object> readObject(String json) {
        try {
            Map<String, Object> object = MAPPER.readValue(json, OBJECT);
            if (object == null) {
                throw new IllegalArgumentException("expected a JSON object, got null");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
