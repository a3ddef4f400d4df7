package io.tapline.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tapline's Kibana saved objects: {@value #RESOURCE} next to this class, one object per line in the order Kibana
 * can import them (data view, saved searches, Lens visualisations, dashboard). The same file is what users import
 * by hand in Stack Management and what {@code tapline setup --kibana-url} sends to Kibana's import API.
 */
public final class KibanaObjects {
    /** The NDJSON file's name, also the file name setup uploads it under. */
    public static final String RESOURCE = "tapline.ndjson";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KibanaObjects() {
    }

    /** The file's bytes, exactly as shipped. */
    public static byte[] ndjson() {
        try (InputStream in = KibanaObjects.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/tapline/kibana/" + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/tapline/kibana/" + RESOURCE, e);
        }
    }

    /** The shipped objects, parsed, in file order. */
    public static List<SavedObject> all() {
        return parse(new String(ndjson(), StandardCharsets.UTF_8));
    }

    /**
     * Parses NDJSON saved objects: one JSON object per non-blank line, each with a string {@code type} and
     * {@code id} and an object {@code attributes}, no (type, id) twice. Throws {@link IllegalArgumentException}
     * naming the line at fault.
     */
    public static List<SavedObject> parse(String ndjson) {
        List<SavedObject> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = ndjson.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": not JSON: " + e.getOriginalMessage());
            }
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": not a JSON object");
            }
            JsonNode type = object.get("type");
            JsonNode id = object.get("id");
            if (type == null || !type.isTextual() || type.asText().isEmpty()
                    || id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a saved object needs a string type and id");
            }
            if (!object.path("attributes").isObject()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + type.asText() + " " + id.asText()
                        + " has no attributes object");
            }
            if (!seen.add(type.asText() + "/" + id.asText())) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + type.asText() + " " + id.asText()
                        + " appears twice");
            }
            objects.add(new SavedObject(type.asText(), id.asText(), object));
        }
        return List.copyOf(objects);
    }

    /** Serializes objects back to NDJSON (one compact line each, newline-terminated). */
    public static String toNdjson(List<SavedObject> objects) {
        StringBuilder sb = new StringBuilder();
        for (SavedObject o : objects) {
            try {
                sb.append(MAPPER.writeValueAsString(o.json())).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed saved object no longer serializes", e);
            }
        }
        return sb.toString();
    }
}
