package io.tapline.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a stored ECS document ({@code _source}, read from a Jackson parser) into its seed-004 API entry, written
 * to a Jackson generator, without the maps and the {@link LogRecord} in between: the bytes are those of
 * {@code ApiCodec.toEntry(EcsCodec.fromDocument(document))} written by a default {@code ObjectMapper}, and a
 * document those codecs refuse is refused here with the same exception. The document is read as the store's
 * search reader reads it (dotted and nested keys alike, the last of repeated keys wins, headers and enrichment
 * whole), each value converted by the same {@link FieldType} rules. Both layouts derive from
 * {@link RecordFields}; nothing here names a field.
 *
 * <p>One instance reads one document at a time: {@link #read}, then {@link #id()}/{@link #projectId()} and
 * {@link #write}. Not thread-safe; cheap to create.
 */
public final class ApiEntryTranscoder {
    private static final List<RecordField> FIELDS = RecordFields.ALL;
    private static final EcsSourcePaths PATHS = EcsSourcePaths.of(FIELDS);
    private static final ApiEntryLayout.Step[] STEPS = ApiEntryLayout.of(FIELDS).steps();
    private static final int ID = FIELDS.indexOf(RecordFields.ID);
    private static final int PROJECT = FIELDS.indexOf(RecordFields.PROJECT_ID);
    private static final int REQUEST_BODY = FIELDS.indexOf(RecordFields.REQUEST_BODY);
    private static final int RESPONSE_BODY = FIELDS.indexOf(RecordFields.RESPONSE_BODY);
    private static final SerializedString CONTENT = new SerializedString(ApiCodec.BODY_CONTENT);
    private static final SerializedString TRUNCATED = new SerializedString(ApiCodec.BODY_TRUNCATED);
    private static final SerializedString CONTENT_TYPE = new SerializedString(ApiCodec.BODY_CONTENT_TYPE);
    private static final Map<Object, SerializedString> WIRE_NAMES = wireNames();
    private static final Map<FieldType, Map<String, Object>> BY_WIRE_NAME = byWireName();
    private static final JsonFactory FACTORY = new JsonFactory();
    /** The codec of the parsers made here: headers and enrichment maps are read through it, as in a search reader. */
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** What the reader holds at each read path, as the map reader would have stored it; reset per document. */
    private final Object[] raw = new Object[PATHS.slotCount()];
    /** Each field's value as {@link EcsCodec#fromDocument} makes it, null when absent. */
    private final Object[] values = new Object[FIELDS.size()];

    /** The fast path for documents in the store's own layout; see {@link #read(JsonParser, byte[])}. */
    private final CanonicalEntry canonical = new CanonicalEntry();
    /** True when the document read last was read by {@link #canonical}. */
    private boolean fast;
    /** The byte-level fast path; see {@link #read(byte[], int, int)}. */
    private final ByteEntry byteEntry = new ByteEntry();
    /** True when the document read last was read by {@link #byteEntry}: its bytes are {@link #document}'s range. */
    private boolean byBytes;
    private byte[] document;
    private int documentStart;
    private int documentEnd;

    /**
     * Reads the document whose {@code START_OBJECT} the parser is on, up to and including its {@code END_OBJECT},
     * and converts it. The parser must have an {@code ObjectMapper} as its codec (headers and enrichment are read
     * as maps through it).
     *
     * @throws IllegalArgumentException as {@link EcsCodec#fromDocument} throws for the same document
     */
    public void read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("a document must be a JSON object, found " + p.currentToken());
        }
        fast = false;
        byBytes = false;
        Arrays.fill(raw, null);
        readMembers(p, PATHS.root());
        convert();
    }

    /**
     * As {@link #read(JsonParser)}, with the same results, for a parser that reads {@code input} from its first
     * byte: a document in the layout the store writes is read by a reader specialised to it (a fraction of the
     * cost); any other is read again from its bytes by the general reader.
     */
    public void read(JsonParser p, byte[] input) throws IOException {
        read(p, input == null ? null : () -> input);
    }

    /**
     * As {@link #read(JsonParser, byte[])} for input that is still arriving: {@code input} gives an array that
     * holds at least every byte the parser has read so far, from the first.
     */
    public void read(JsonParser p, Supplier<byte[]> input) throws IOException {
        long start = p.currentToken() == JsonToken.START_OBJECT ? p.currentTokenLocation().getByteOffset() : -1;
        if (!CanonicalEntry.ENABLED || input == null || start < 0 || start > Integer.MAX_VALUE - 2) {
            read(p);
            return;
        }
        int depth = depth(p.getParsingContext());
        byBytes = false;
        if (canonical.read(p)) {
            fast = true;
            return;
        }
        skipRest(p, depth);
        long end = p.currentTokenLocation().getByteOffset() + 1;
        byte[] bytes = input.get();
        if (end <= start || end > bytes.length || bytes[(int) start] != '{' || bytes[(int) end - 1] != '}') {
            throw new IOException("cannot find the bytes of the document at offset " + start);
        }
        JsonFactory factory = p.getCodec() != null ? p.getCodec().getFactory() : FACTORY;
        try (JsonParser again = factory.createParser(bytes, (int) start, (int) (end - start))) {
            again.nextToken();
            read(again);
        }
    }

    /**
     * As {@link #read(JsonParser)} on a parser over {@code input[start, end)}, which holds exactly one document (a
     * JSON object), with the same results: a document in the layout the store writes, with its strings as Jackson
     * writes them, is read straight from its bytes, and its entry is written from copies of them (a fraction of the
     * cost of parsing and writing it); any other is read with Jackson as {@link #read(JsonParser, byte[])} reads it.
     * The bytes must stay unchanged until the entry is written.
     */
    public void read(byte[] input, int start, int end) throws IOException {
        if (readWithin(input, start, end) != end) {
            readWithJackson(input, start, end);
        }
    }

    /**
     * Reads the document that starts at {@code input[start]} from its bytes, when it is in the layout the store
     * writes and ends by {@code available} (bytes past that may not have arrived): where it ends, or -1, and then
     * nothing was read, and the caller hands over its exact range with {@link #read(byte[], int, int)}. Saves
     * finding the document's end before reading it.
     */
    public int readWithin(byte[] input, int start, int available) {
        byBytes = false;
        int end = ByteEntry.ENABLED ? byteEntry.readWithin(input, start, available) : -1;
        if (end < 0) {
            return -1;
        }
        fast = false;
        byBytes = true;
        document = input;
        documentStart = start;
        documentEnd = end;
        return end;
    }

    /** The document in {@code input[start, end)} read by Jackson: the specialised reader first, then the general. */
    private void readWithJackson(byte[] input, int start, int end) throws IOException {
        byBytes = false;
        byte[] copy = Arrays.copyOfRange(input, start, end);
        JsonFactory factory = MAPPER.getFactory();
        try (JsonParser p = factory.createParser(copy)) {
            p.setCodec(MAPPER);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a document must be a JSON object, found " + p.currentToken());
            }
            read(p, copy);
            if (p.nextToken() != null) {
                throw new IOException("more than one document at offset " + start);
            }
        }
    }

    /** True when the document read last took the fast path (tests). */
    boolean readCanonically() {
        return fast || byBytes;
    }

    /** True when the document read last took the byte-level path (tests). */
    boolean readFromBytes() {
        return byBytes;
    }

    /** The record id of the document read last. */
    public long id() {
        return byBytes ? byteEntry.id() : fast ? canonical.id() : (Long) values[ID];
    }

    /** The project id of the document read last, or null. */
    public String projectId() {
        return byBytes ? byteEntry.projectId() : fast ? canonical.projectId() : (String) values[PROJECT];
    }

    /** Writes the API entry of the document read last; the bodies only when asked for. */
    public void write(JsonGenerator gen, boolean includeRequestBody, boolean includeResponseBody) throws IOException {
        if (byBytes) {
            if (ByteEntry.plain(gen)) {
                byteEntry.write(gen, includeRequestBody, includeResponseBody);
                return;
            }
            // a generator with options of its own: let it write every value itself
            readWithJackson(document, documentStart, documentEnd);
        }
        if (fast) {
            canonical.write(gen, includeRequestBody, includeResponseBody);
            return;
        }
        gen.writeStartObject();
        for (ApiEntryLayout.Step step : STEPS) {
            switch (step.kind()) {
                case OPEN -> {
                    gen.writeFieldName(step.name());
                    gen.writeStartObject();
                }
                case CLOSE -> gen.writeEndObject();
                case VALUE -> {
                    int f = step.field();
                    Object value = values[f];
                    if (value == null || f == REQUEST_BODY && !includeRequestBody
                            || f == RESPONSE_BODY && !includeResponseBody) {
                        continue;
                    }
                    gen.writeFieldName(step.name());
                    writeValue(gen, FIELDS.get(f).type(), step.pathIndex(), value);
                }
            }
        }
        gen.writeEndObject();
    }

    /** How many objects and arrays the context is in, itself included. */
    private static int depth(JsonStreamContext context) {
        int depth = 0;
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            depth++;
        }
        return depth;
    }

    /**
     * Moves the parser, stopped anywhere inside the document whose own context was {@code depth} deep, onto that
     * document's {@code END_OBJECT}.
     */
    private static void skipRest(JsonParser p, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            if (depth(p.getParsingContext()) == depth && t == JsonToken.START_OBJECT) {
                p.skipChildren(); // still on the document's own START_OBJECT
                return;
            }
            p.skipChildren();
        }
        while (!(p.currentToken() == JsonToken.END_OBJECT && depth(p.getParsingContext()) == depth - 1)) {
            t = p.nextToken();
            if (t == null) {
                throw new IOException("the search answer ends inside a document");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
    }

    /** The members of the object the parser is in, below trie node {@code at}. */
    private void readMembers(JsonParser p, EcsSourcePaths.Node at) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            EcsSourcePaths.Node node = EcsSourcePaths.walk(at, p.currentName());
            JsonToken t = p.nextToken();
            if (node == null) {
                p.skipChildren(); // no read path starts here
            } else if (node.slot() < 0) {
                if (t == JsonToken.START_OBJECT) {
                    readMembers(p, node);
                } else {
                    p.skipChildren(); // a value where objects belong: the reader keeps it under a name never read
                }
            } else if (t == JsonToken.START_OBJECT && !node.wholeObject()) {
                // The map reader walks into it, storing only names below this path, which no field reads; a value
                // stored here earlier stays.
                p.skipChildren();
            } else {
                raw[node.slot()] = OpenJson.read(p, t);
            }
        }
    }

    /** {@link EcsCodec#fromDocument}, field by field in the same order, so that the first refusal is the same. */
    private void convert() {
        for (int f = 0; f < FIELDS.size(); f++) {
            RecordField field = FIELDS.get(f);
            int slot = PATHS.firstSlotOf(f);
            String path = field.ecsPath();
            Object value = switch (field.type()) {
                case BODY -> EcsCodec.readBody(raw[slot], raw[slot + 1], raw[slot + 2], field.ecsPaths());
                case DURATION -> {
                    Long nanos = (Long) field.type().fromJson(raw[slot], path);
                    yield nanos == null ? null : nanos / EcsCodec.NANOS_PER_MILLI;
                }
                // Nearly every stored kind, level and source is its exact wire name: skip the tolerant parse.
                case KIND, LEVEL, SOURCE -> {
                    Object exact = raw[slot] instanceof String s ? BY_WIRE_NAME.get(field.type()).get(s) : null;
                    yield exact != null ? exact : field.type().fromJson(raw[slot], path);
                }
                default -> field.type().fromJson(raw[slot], path);
            };
            if (value == null && field.required()) {
                throw new IllegalArgumentException(path + " is missing");
            }
            // The record keeps no empty map, and an entry leaves out what the record does not hold.
            values[f] = value instanceof Map<?, ?> map && map.isEmpty() ? null : value;
        }
    }

    private static void writeValue(JsonGenerator gen, FieldType type, int pathIndex, Object value) throws IOException {
        switch (type) {
            case TIMESTAMP -> {
                long ms = (Long) value;
                if (pathIndex == 0) {
                    gen.writeNumber(ms);
                } else {
                    gen.writeString(Timestamps.iso(ms));
                }
            }
            case LONG, DURATION -> gen.writeNumber((Long) value);
            case INTEGER -> gen.writeNumber((Integer) value);
            case KIND, LEVEL, SOURCE -> gen.writeString(WIRE_NAMES.get(value));
            case BODY -> {
                Body body = (Body) value;
                gen.writeStartObject();
                gen.writeFieldName(CONTENT);
                gen.writeString(body.content());
                gen.writeFieldName(TRUNCATED);
                gen.writeBoolean(body.truncated());
                if (body.contentType() != null) {
                    gen.writeFieldName(CONTENT_TYPE);
                    gen.writeString(body.contentType());
                }
                gen.writeEndObject();
            }
            case STRING, URL -> gen.writeString((String) value);
            // Headers: the sorted, lower-case map FieldType made on reading, which is what toJson would make of it
            // again; enrichment: the copy it made, which toJson would copy again unchanged.
            default -> OpenJson.write(gen, value);
        }
    }

    private static Map<FieldType, Map<String, Object>> byWireName() {
        Map<FieldType, Map<String, Object>> byType = new java.util.EnumMap<>(FieldType.class);
        byType.put(FieldType.KIND, byName(Kind.values(), Kind::wireName));
        byType.put(FieldType.LEVEL, byName(Level.values(), Level::wireName));
        byType.put(FieldType.SOURCE, byName(Source.values(), Source::wireName));
        return byType;
    }

    private static <E> Map<String, Object> byName(E[] constants, java.util.function.Function<E, String> name) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (E constant : constants) {
            map.put(name.apply(constant), constant);
        }
        return Map.copyOf(map);
    }

    private static Map<Object, SerializedString> wireNames() {
        Map<Object, SerializedString> names = new java.util.HashMap<>();
        for (Kind k : Kind.values()) {
            names.put(k, new SerializedString(k.wireName()));
        }
        for (Level l : Level.values()) {
            names.put(l, new SerializedString(l.wireName()));
        }
        for (Source s : Source.values()) {
            names.put(s, new SerializedString(s.wireName()));
        }
        return Map.copyOf(names);
    }
}
