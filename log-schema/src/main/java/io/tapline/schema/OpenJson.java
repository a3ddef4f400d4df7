package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an open JSON value (the enrichment map and what it holds) the way the map codecs store it: as
 * {@link NestedMaps#copyOf} copies it (map keys as strings, null map values left out, lists kept whole) and then
 * as Jackson writes that copy. Plain JSON values are written here; anything else goes to the generator's codec,
 * which is what would have serialized it inside the copied document. {@link #read} is the other direction: a value
 * as the store's map readers hold it.
 */
public final class OpenJson {
    private OpenJson() {
    }

    /**
     * The value at the parser, whose current token is {@code t}, as a map reader of {@code _source} holds it:
     * strings, integers as Jackson's smallest fitting number, decimals as doubles, booleans, null, and objects and
     * arrays read whole, exactly as a default {@code ObjectMapper} reads them as {@code Object} (a
     * {@link LinkedHashMap} whose repeated keys keep the last value at the first one's place, an
     * {@link ArrayList}, the same scalars). Objects and arrays are read here rather than through the parser's
     * codec: the databind call per headers or enrichment object took about a tenth of a page's transcoding samples
     * in a profile, and its allocations (a deserialization context per call) about 8% of the page's. Anything
     * else (an embedded object, which JSON never has) still goes to the codec.
     */
    public static Object read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> readArray(p);
            default -> p.readValueAs(Object.class);
        };
    }

    /** The object whose {@code START_OBJECT} the parser is on, up to its {@code END_OBJECT}. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            map.put(name, read(p, p.nextToken()));
        }
        expectEnd(p, JsonToken.END_OBJECT);
        return map;
    }

    /** The array whose {@code START_ARRAY} the parser is on, up to its {@code END_ARRAY}. */
    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                expectEnd(p, JsonToken.END_ARRAY);
            }
            list.add(read(p, t));
        }
        return list;
    }

    /** The parser reports a truncated document itself; this only guards against one that ends without saying so. */
    private static void expectEnd(JsonParser p, JsonToken end) throws IOException {
        if (p.currentToken() != end) {
            throw new JsonParseException(p, "unexpected " + p.currentToken() + " where " + end + " belongs");
        }
    }

    static void write(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull(); // only reached inside a list: the copy keeps nulls there, and Jackson writes them
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Long l) {
            gen.writeNumber(l.longValue());
        } else if (value instanceof Integer i) {
            gen.writeNumber(i.intValue());
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Double d) {
            gen.writeNumber(d.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            writeMap(gen, map);
        } else if (value instanceof List<?> list) {
            gen.writeStartArray();
            for (Object element : list) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else {
            ObjectCodec codec = gen.getCodec();
            if (codec != null) {
                codec.writeValue(gen, value);
            } else {
                Json.writeValue(gen, value);
            }
        }
    }

    private static void writeMap(JsonGenerator gen, Map<?, ?> map) throws IOException {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                // Keys that are not strings may collide once turned into strings (1 and "1"); the copy settles
                // which value wins and where, so write the copy.
                writeStringKeyed(gen, NestedMaps.copyOf(map));
                return;
            }
        }
        writeStringKeyed(gen, map);
    }

    private static void writeStringKeyed(JsonGenerator gen, Map<?, ?> map) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() != null) {
                gen.writeFieldName((String) e.getKey());
                write(gen, e.getValue());
            }
        }
        gen.writeEndObject();
    }
}
