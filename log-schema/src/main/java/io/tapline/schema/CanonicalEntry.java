package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.tapline.schema.CanonicalReads.LEAVE;
import static io.tapline.schema.CanonicalReads.after;
import static io.tapline.schema.CanonicalReads.nextName;
import static io.tapline.schema.CanonicalReads.end;
import static io.tapline.schema.CanonicalReads.known;
import static io.tapline.schema.CanonicalReads.number;
import static io.tapline.schema.CanonicalReads.onlyString;
import static io.tapline.schema.CanonicalReads.open;
import static io.tapline.schema.CanonicalReads.string;

/**
 * The fast path of {@link ApiEntryTranscoder}: a stored document in the very layout the store writes it
 * ({@link EcsJsonWriter}: nested objects, no dotted names, every value of its own JSON type, headers lower-case
 * and sorted, a canonical {@code @timestamp}) is read with one switch per key and written back as its entry with
 * no map, no conversion table and no per-field lookup. Anything else (a dotted name, an unknown key, a number as
 * a string, a {@code null}, an ISO time with an offset...) makes {@link #read} give up, and the transcoder reads
 * the document again with its general reader. For every document it accepts, the entry's bytes are the general
 * reader's: each check below is the condition under which the general conversion is the identity (or the same
 * arithmetic), which {@code CanonicalEntryTest} compares over varied and hostile documents.
 *
 * <p>It names ECS paths and API keys, which the general reader derives from {@link RecordFields}; so that a change
 * of that table can never make it write a different entry, it is switched off ({@link #ENABLED}) unless the table
 * is exactly the one it was written for.
 */
final class CanonicalEntry {
    /** The fields, in table order, with the ECS paths this reader expects; any change of the table disables it. */
    private static final List<Object[]> EXPECTED = List.of(
            new Object[]{RecordFields.ID, List.of("tapline.id"), List.of("id")},
            new Object[]{RecordFields.TRACE_ID, List.of("trace.id"), List.of("traceId")},
            new Object[]{RecordFields.TS_MS, List.of("@timestamp"), List.of("tsMs", "tsIso")},
            new Object[]{RecordFields.KIND, List.of("tapline.kind"), List.of("kind")},
            new Object[]{RecordFields.LEVEL, List.of("log.level"), List.of("level")},
            new Object[]{RecordFields.PROJECT_ID, List.of("tapline.project_id"), List.of("projectId")},
            new Object[]{RecordFields.CONTAINER_ID, List.of("container.id"), List.of("containerId")},
            new Object[]{RecordFields.SERVICE_NAME, List.of("service.name"), List.of("serviceName")},
            new Object[]{RecordFields.METHOD, List.of("http.request.method"), List.of("method")},
            new Object[]{RecordFields.URL, List.of("url.original", "url.path", "url.query"), List.of("url")},
            new Object[]{RecordFields.CLIENT_IP, List.of("client.ip"), List.of("clientIp")},
            new Object[]{RecordFields.STATUS, List.of("http.response.status_code"), List.of("status")},
            new Object[]{RecordFields.BYTES_IN, List.of("http.request.bytes"), List.of("data.bytesIn")},
            new Object[]{RecordFields.BYTES_OUT, List.of("http.response.bytes"), List.of("data.bytesOut")},
            new Object[]{RecordFields.DURATION_MS, List.of("event.duration"), List.of("data.durationMs")},
            new Object[]{RecordFields.USER_AGENT, List.of("user_agent.original"), List.of("data.userAgent")},
            new Object[]{RecordFields.SOURCE, List.of("tapline.source"), List.of("source")},
            new Object[]{RecordFields.ACTION, List.of("event.action"), List.of("action")},
            new Object[]{RecordFields.MESSAGE, List.of("message"), List.of("message")},
            new Object[]{RecordFields.REQUEST_HEADERS, List.of("http.request.headers"), List.of("headers")},
            new Object[]{RecordFields.REQUEST_BODY, List.of("http.request.body.content", "http.request.body.truncated",
                    "http.request.mime_type"), List.of("requestBody")},
            new Object[]{RecordFields.RESPONSE_BODY, List.of("http.response.body.content",
                    "http.response.body.truncated", "http.response.mime_type"), List.of("responseBody")},
            new Object[]{RecordFields.ENRICHMENT, List.of("tapline.enrichment"), List.of("enrichment")});

    /** True when {@link RecordFields} is the table this reader was written for. */
    static final boolean ENABLED = matchesTable();

    private static final Map<String, Kind> KINDS = byWireName(Kind.values(), Kind::wireName);
    private static final Map<String, Level> LEVELS = byWireName(Level.values(), Level::wireName);
    private static final Map<String, Source> SOURCES = byWireName(Source.values(), Source::wireName);
    private static final SerializedString[] KIND_NAMES = names(Kind.values(), Kind::wireName);
    private static final SerializedString[] LEVEL_NAMES = names(Level.values(), Level::wireName);
    private static final SerializedString[] SOURCE_NAMES = names(Source.values(), Source::wireName);
    private static final SerializedString ID = key("id"), TRACE_ID = key("traceId"), TS_MS = key("tsMs"),
            TS_ISO = key("tsIso"), KIND = key("kind"), LEVEL = key("level"), PROJECT_ID = key("projectId"),
            CONTAINER_ID = key("containerId"), SERVICE_NAME = key("serviceName"), METHOD = key("method"),
            URL = key("url"), CLIENT_IP = key("clientIp"), STATUS = key("status"), DATA = key("data"),
            BYTES_IN = key("bytesIn"), BYTES_OUT = key("bytesOut"), DURATION_MS = key("durationMs"),
            USER_AGENT = key("userAgent"), SOURCE = key("source"), ACTION = key("action"), MESSAGE = key("message"),
            HEADERS = key("headers"), REQUEST_BODY = key("requestBody"), RESPONSE_BODY = key("responseBody"),
            ENRICHMENT = key("enrichment");

    /** Each object's members in the order the store writes them (see {@link CanonicalReads#nextName}). */
    private static final SerializedString[] ROOT = CanonicalReads.order("tapline", "trace", "@timestamp", "log",
            "container", "service", "http", "url", "client", "event", "user_agent", "message");
    private static final SerializedString[] TAPLINE = CanonicalReads.order("id", "kind", "project_id", "source",
            "enrichment");
    private static final SerializedString[] HTTP = CanonicalReads.order("request", "response");
    private static final SerializedString[] REQUEST = CanonicalReads.order("method", "bytes", "headers", "body",
            "mime_type");
    private static final SerializedString[] RESPONSE = CanonicalReads.order("status_code", "bytes", "body",
            "mime_type");
    private static final SerializedString[] URL_MEMBERS = CanonicalReads.order("original", "path", "query");
    private static final SerializedString[] EVENT = CanonicalReads.order("duration", "action");
    private static final SerializedString[] TRACE_MEMBER = CanonicalReads.order("id");
    private static final SerializedString[] LEVEL_MEMBER = CanonicalReads.order("level");
    private static final SerializedString[] CONTAINER_MEMBER = CanonicalReads.order("id");
    private static final SerializedString[] SERVICE_MEMBER = CanonicalReads.order("name");
    private static final SerializedString[] CLIENT_MEMBER = CanonicalReads.order("ip");
    private static final SerializedString[] USER_AGENT_MEMBER = CanonicalReads.order("original");

    private long id;
    private boolean hasId;
    private long tsMs;
    /** The stored {@code @timestamp}: canonical, so it is what {@link Timestamps#iso} makes of {@link #tsMs}. */
    private String tsIso;
    private Kind kind;
    private Level level;
    private Source source;
    private String traceId;
    private String projectId;
    private String containerId;
    private String serviceName;
    private String method;
    private String url;
    private String clientIp;
    private String userAgent;
    private String action;
    private String message;
    private int status;
    private boolean hasStatus;
    private long bytesIn;
    private boolean hasBytesIn;
    private long bytesOut;
    private boolean hasBytesOut;
    private long durationNanos;
    private boolean hasDuration;
    private final CanonicalParts.SortedHeaders headers = new CanonicalParts.SortedHeaders();
    private final CanonicalParts.BodyParts requestBody = new CanonicalParts.BodyParts();
    private final CanonicalParts.BodyParts responseBody = new CanonicalParts.BodyParts();
    /** As {@link OpenJson#read} reads it; written without the copy the general reader makes (same bytes). */
    private Map<?, ?> enrichment;

    /**
     * Reads the document whose {@code START_OBJECT} the parser is on. True when it was in the canonical layout and
     * has every required field: the parser is then past its {@code END_OBJECT}. False when it was not: the parser
     * stopped somewhere inside it, and nothing read may be used.
     */
    boolean read(JsonParser p) throws IOException {
        reset();
        try {
            root(p);
        } catch (CanonicalReads.Leave e) {
            return false;
        }
        return hasId && tsIso != null && kind != null && level != null;
    }

    long id() {
        return id;
    }

    String projectId() {
        return projectId;
    }

    /** The entry of the document read last, as {@code ApiCodec.toEntry} lays it out. */
    void write(JsonGenerator gen, boolean includeRequestBody, boolean includeResponseBody) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(ID);
        gen.writeNumber(id);
        optional(gen, TRACE_ID, traceId);
        gen.writeFieldName(TS_MS);
        gen.writeNumber(tsMs);
        gen.writeFieldName(TS_ISO);
        gen.writeString(tsIso);
        gen.writeFieldName(KIND);
        gen.writeString(KIND_NAMES[kind.ordinal()]);
        gen.writeFieldName(LEVEL);
        gen.writeString(LEVEL_NAMES[level.ordinal()]);
        optional(gen, PROJECT_ID, projectId);
        optional(gen, CONTAINER_ID, containerId);
        optional(gen, SERVICE_NAME, serviceName);
        optional(gen, METHOD, method);
        optional(gen, URL, url);
        optional(gen, CLIENT_IP, clientIp);
        if (hasStatus) {
            gen.writeFieldName(STATUS);
            gen.writeNumber(status);
        }
        gen.writeFieldName(DATA); // seed 004's data object is there even when empty
        gen.writeStartObject();
        if (hasBytesIn) {
            gen.writeFieldName(BYTES_IN);
            gen.writeNumber(bytesIn);
        }
        if (hasBytesOut) {
            gen.writeFieldName(BYTES_OUT);
            gen.writeNumber(bytesOut);
        }
        if (hasDuration) {
            gen.writeFieldName(DURATION_MS);
            gen.writeNumber(durationNanos / EcsCodec.NANOS_PER_MILLI);
        }
        optional(gen, USER_AGENT, userAgent);
        gen.writeEndObject();
        if (source != null) {
            gen.writeFieldName(SOURCE);
            gen.writeString(SOURCE_NAMES[source.ordinal()]);
        }
        optional(gen, ACTION, action);
        optional(gen, MESSAGE, message);
        headers.write(gen, HEADERS);
        if (includeRequestBody) {
            requestBody.write(gen, REQUEST_BODY);
        }
        if (includeResponseBody) {
            responseBody.write(gen, RESPONSE_BODY);
        }
        if (enrichment != null && hasValue(enrichment)) {
            gen.writeFieldName(ENRICHMENT);
            OpenJson.write(gen, enrichment);
        }
        gen.writeEndObject();
    }

    private void reset() {
        hasId = hasStatus = hasBytesIn = hasBytesOut = hasDuration = false;
        tsIso = traceId = projectId = containerId = serviceName = method = url = clientIp = userAgent = action =
                message = null;
        kind = null;
        level = null;
        source = null;
        enrichment = null;
        headers.count = 0;
        requestBody.reset();
        responseBody.reset();
    }

    private void root(JsonParser p) throws IOException, CanonicalReads.Leave {
        int next = 0;
        for (String name = nextName(p, ROOT, next); name != null; name = nextName(p, ROOT, next)) {
            next = after(ROOT, name, next);
            switch (name) {
                case "tapline" -> tapline(p);
                case "trace" -> traceId = onlyString(p, TRACE_MEMBER, traceId);
                case "@timestamp" -> timestamp(p);
                case "log" -> level = known(LEVELS, onlyString(p, LEVEL_MEMBER, null));
                case "container" -> containerId = onlyString(p, CONTAINER_MEMBER, containerId);
                case "service" -> serviceName = onlyString(p, SERVICE_MEMBER, serviceName);
                case "http" -> http(p);
                case "url" -> url(p);
                case "client" -> clientIp = onlyString(p, CLIENT_MEMBER, clientIp);
                case "event" -> event(p);
                case "user_agent" -> userAgent = onlyString(p, USER_AGENT_MEMBER, userAgent);
                case "message" -> message = string(p);
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void tapline(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, TAPLINE, next); name != null; name = nextName(p, TAPLINE, next)) {
            next = after(TAPLINE, name, next);
            switch (name) {
                case "id" -> {
                    id = number(p);
                    hasId = true;
                }
                case "kind" -> kind = known(KINDS, string(p));
                case "project_id" -> projectId = string(p);
                case "source" -> source = known(SOURCES, string(p));
                case "enrichment" -> {
                    open(p);
                    enrichment = (Map<?, ?>) OpenJson.read(p, JsonToken.START_OBJECT);
                }
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void timestamp(JsonParser p) throws IOException, CanonicalReads.Leave {
        String iso = string(p);
        long ms = Timestamps.canonicalIso(iso);
        // Before 1970 Timestamps.iso formats another way; the stored text is then not known to be its output.
        if (ms < 0) {
            throw LEAVE;
        }
        tsMs = ms;
        tsIso = iso;
    }

    private void http(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, HTTP, next); name != null; name = nextName(p, HTTP, next)) {
            next = after(HTTP, name, next);
            switch (name) {
                case "request" -> request(p);
                case "response" -> response(p);
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void request(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, REQUEST, next); name != null; name = nextName(p, REQUEST, next)) {
            next = after(REQUEST, name, next);
            switch (name) {
                case "method" -> method = string(p);
                case "headers" -> headers.read(p);
                case "bytes" -> {
                    bytesIn = number(p);
                    hasBytesIn = true;
                }
                case "body" -> requestBody.readBody(p);
                case "mime_type" -> requestBody.contentType = string(p);
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void response(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, RESPONSE, next); name != null; name = nextName(p, RESPONSE, next)) {
            next = after(RESPONSE, name, next);
            switch (name) {
                case "status_code" -> {
                    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        throw LEAVE;
                    }
                    status = p.getIntValue();
                    hasStatus = true;
                }
                case "bytes" -> {
                    bytesOut = number(p);
                    hasBytesOut = true;
                }
                case "body" -> responseBody.readBody(p);
                case "mime_type" -> responseBody.contentType = string(p);
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void url(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, URL_MEMBERS, next); name != null; name = nextName(p, URL_MEMBERS, next)) {
            next = after(URL_MEMBERS, name, next);
            switch (name) {
                case "original" -> url = string(p);
                // derived from url.original when stored, never read back, whatever they hold
                case "path", "query" -> {
                    p.nextToken();
                    p.skipChildren();
                }
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private void event(JsonParser p) throws IOException, CanonicalReads.Leave {
        open(p);
        int next = 0;
        for (String name = nextName(p, EVENT, next); name != null; name = nextName(p, EVENT, next)) {
            next = after(EVENT, name, next);
            switch (name) {
                case "duration" -> {
                    durationNanos = number(p);
                    hasDuration = true;
                }
                case "action" -> action = string(p);
                default -> throw LEAVE;
            }
        }
        end(p);
    }

    private static void optional(JsonGenerator gen, SerializedString key, String value) throws IOException {
        if (value != null) {
            gen.writeFieldName(key);
            gen.writeString(value);
        }
    }

    /** False when every member is null: the general reader's copy leaves those out, and an empty map is no value. */
    private static boolean hasValue(Map<?, ?> map) {
        for (Object value : map.values()) {
            if (value != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesTable() {
        if (RecordFields.ALL.size() != EXPECTED.size()) {
            return false;
        }
        for (int i = 0; i < EXPECTED.size(); i++) {
            RecordField field = RecordFields.ALL.get(i);
            Object[] expected = EXPECTED.get(i);
            if (field != expected[0] || !field.ecsPaths().equals(expected[1]) || !field.apiPaths().equals(expected[2])) {
                return false;
            }
        }
        return true;
    }

    private static SerializedString key(String name) {
        return new SerializedString(name);
    }

    private static <E> Map<String, E> byWireName(E[] constants, java.util.function.Function<E, String> name) {
        Map<String, E> map = new java.util.HashMap<>();
        for (E constant : constants) {
            map.put(name.apply(constant), constant);
        }
        return Map.copyOf(map);
    }

    private static <E> SerializedString[] names(E[] constants, java.util.function.Function<E, String> name) {
        SerializedString[] names = new SerializedString[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = new SerializedString(name.apply(constants[i]));
        }
        return names;
    }
}
