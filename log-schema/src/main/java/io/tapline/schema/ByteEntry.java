package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static io.tapline.schema.ByteCursor.LEAVE;

/**
 * The byte-level fast path of {@link ApiEntryTranscoder}: a stored document in the store's own layout, read
 * straight from its bytes, and its entry assembled from copies of them. It takes exactly what {@link CanonicalEntry}
 * takes (and less: no repeated member, no whitespace, only strings in the form Jackson writes them, see
 * {@link JsonStringBytes}), so every string it copies is byte for byte what decoding it and writing it again would
 * give; numbers are copied only in their one canonical form. Anything else, and it gives up: the transcoder then
 * reads the document with Jackson as before. {@code ByteEntryTest} compares it with the general reader.
 */
final class ByteEntry {
    /** On when the Jackson-based fast path is (same field table) and Jackson's string bytes are as checked. */
    static final boolean ENABLED = CanonicalEntry.ENABLED && JsonStringBytes.ENABLED;
    private static final int DEFAULT_FEATURES = defaultFeatures();

    private static final ByteCursor.Key ROOT_TAPLINE = key("tapline"), TRACE = key("trace"), TIMESTAMP = key("@timestamp"),
            LOG = key("log"), CONTAINER = key("container"), SERVICE = key("service"), HTTP = key("http"),
            URL = key("url"), CLIENT = key("client"), EVENT = key("event"), USER_AGENT = key("user_agent"),
            MESSAGE = key("message"), ID = key("id"), KIND = key("kind"), PROJECT_ID = key("project_id"),
            SOURCE = key("source"), ENRICHMENT = key("enrichment"), LEVEL = key("level"), NAME = key("name"),
            IP = key("ip"), ORIGINAL = key("original"), PATH = key("path"), QUERY = key("query"),
            DURATION = key("duration"), ACTION = key("action");
    private static final byte[][] KINDS = wireNames(Kind.values(), Kind::wireName);
    private static final byte[][] LEVELS = wireNames(Level.values(), Level::wireName);
    private static final byte[][] SOURCES = wireNames(Source.values(), Source::wireName);

    // The entry's constant parts, as bytes (see write)
    private static final byte[] W_ID = ascii("{\"id\":"), W_TRACE_ID = ascii(",\"traceId\":"),
            W_TS_MS = ascii(",\"tsMs\":"), W_TS_ISO = ascii(",\"tsIso\":"), W_PROJECT_ID = ascii(",\"projectId\":"),
            W_CONTAINER_ID = ascii(",\"containerId\":"), W_SERVICE_NAME = ascii(",\"serviceName\":"),
            W_METHOD = ascii(",\"method\":"), W_URL = ascii(",\"url\":"), W_CLIENT_IP = ascii(",\"clientIp\":"),
            W_STATUS = ascii(",\"status\":"), W_DATA = ascii(",\"data\":{"), W_BYTES_IN = ascii("\"bytesIn\":"),
            W_CLOSE = ascii("}"), W_ACTION = ascii(",\"action\":"), W_MESSAGE = ascii(",\"message\":"),
            W_HEADERS = ascii(",\"headers\":"), W_ENRICHMENT = ascii(",\"enrichment\":"),
            W_REQUEST_BODY = ascii(",\"requestBody\":{\"content\":"),
            W_RESPONSE_BODY = ascii(",\"responseBody\":{\"content\":"),
            W_TRUNCATED_TRUE = ascii(",\"truncated\":true"), W_TRUNCATED_FALSE = ascii(",\"truncated\":false"),
            W_CONTENT_TYPE = ascii(",\"contentType\":");
    /** Keys inside {@code data}: [0] first in the object, [1] after another member. */
    private static final byte[][] W_BYTES_OUT = {ascii("\"bytesOut\":"), ascii(",\"bytesOut\":")},
            W_DURATION_MS = {ascii("\"durationMs\":"), ascii(",\"durationMs\":")},
            W_USER_AGENT = {ascii("\"userAgent\":"), ascii(",\"userAgent\":")};
    /** {@code ,"kind":"K","level":"L"} for each kind and level. */
    private static final byte[][][] KIND_LEVEL = kindLevel();
    /** {@code ,"source":"S"} for each source. */
    private static final byte[][] W_SOURCES = prefixed(",\"source\":\"", SOURCES);

    // Each string value as its raw bytes' range in the document (from, to), -1 when absent.
    static final int S_TRACE = 0, S_TS = 1, S_PROJECT = 2, S_CONTAINER = 3, S_SERVICE = 4, S_METHOD = 5, S_URL = 6,
            S_CLIENT = 7, S_USER_AGENT = 8, S_ACTION = 9, S_MESSAGE = 10, S_REQ_CONTENT = 11, S_REQ_TYPE = 12,
            S_RESP_CONTENT = 13, S_RESP_TYPE = 14, N_ID = 15, N_STATUS = 16, N_BYTES_IN = 17, N_BYTES_OUT = 18,
            O_HEADERS = 19, O_ENRICHMENT = 20, SLOTS = 21;

    private final ByteCursor in = new ByteCursor();
    final int[] from = new int[SLOTS];
    final int[] to = new int[SLOTS];
    long id;
    long tsMs;
    long durationNanos;
    boolean hasDuration;
    int kind;
    int level;
    int source;
    boolean requestTruncated;
    boolean responseTruncated;
    /** The last project id read, quoted, and its text: pages hold runs of the same few projects. */
    private byte[] lastProject;
    private String projectOfLast;
    private String projectId;
    private final EntryBytes out = new EntryBytes();
    private final IsoBytes iso = new IsoBytes();

    /** Reads the document in {@code b[start, end)}; false when it is not in the layout this path takes. */
    boolean read(byte[] b, int start, int end) {
        return readWithin(b, start, end) == end;
    }

    /**
     * Reads the document that starts at {@code start} and ends by {@code limit}: where it ends, or -1 when it is
     * not in the layout this path takes or does not end by {@code limit} (nothing read then counts).
     */
    int readWithin(byte[] b, int start, int limit) {
        java.util.Arrays.fill(from, -1);
        java.util.Arrays.fill(to, -1);
        hasDuration = requestTruncated = responseTruncated = false;
        kind = level = source = -1;
        projectId = null;
        in.reset(b, start, limit);
        try {
            root();
            if (from[N_ID] < 0 || from[S_TS] < 0 || kind < 0 || level < 0) {
                return -1;
            }
        } catch (ByteCursor.Leave e) {
            return -1;
        }
        return in.pos;
    }

    long id() {
        return id;
    }

    /** The project id (one string per run of hits of the same project). */
    String projectId() {
        if (projectId == null && from[S_PROJECT] >= 0) {
            projectId = project();
        }
        return projectId;
    }

    /** True when the generator writes strings and numbers exactly as a default one (no options, no pretty print). */
    static boolean plain(JsonGenerator gen) {
        return gen instanceof UTF8JsonGenerator && gen.getPrettyPrinter() == null && gen.getCharacterEscapes() == null
                && gen.getFeatureMask() == DEFAULT_FEATURES && gen.getHighestEscapedChar() == 0;
    }

    /** Writes the entry of the document read last to a {@link #plain} generator, as {@link CanonicalEntry} does. */
    void write(JsonGenerator gen, boolean includeRequestBody, boolean includeResponseBody) throws IOException {
        EntryBytes out = this.out;
        int[] from = this.from;
        int[] to = this.to;
        out.reset(in.b);
        out.key(W_ID).raw(from[N_ID], to[N_ID]);
        out.optional(W_TRACE_ID, from[S_TRACE], to[S_TRACE]);
        out.key(W_TS_MS).number(tsMs);
        out.optional(W_TS_ISO, from[S_TS], to[S_TS]);
        out.key(KIND_LEVEL[kind][level]);
        out.optional(W_PROJECT_ID, from[S_PROJECT], to[S_PROJECT]);
        out.optional(W_CONTAINER_ID, from[S_CONTAINER], to[S_CONTAINER]);
        out.optional(W_SERVICE_NAME, from[S_SERVICE], to[S_SERVICE]);
        out.optional(W_METHOD, from[S_METHOD], to[S_METHOD]);
        out.optional(W_URL, from[S_URL], to[S_URL]);
        out.optional(W_CLIENT_IP, from[S_CLIENT], to[S_CLIENT]);
        out.optional(W_STATUS, from[N_STATUS], to[N_STATUS]);
        out.key(W_DATA); // seed 004's data object is there even when empty
        int first = 1; // index into the key pairs below: without, then with the comma
        if (from[N_BYTES_IN] >= 0) {
            out.key(W_BYTES_IN).raw(from[N_BYTES_IN], to[N_BYTES_IN]);
            first = 0;
        }
        if (from[N_BYTES_OUT] >= 0) {
            out.key(W_BYTES_OUT[1 - first]).raw(from[N_BYTES_OUT], to[N_BYTES_OUT]);
            first = 0;
        }
        if (hasDuration) {
            out.key(W_DURATION_MS[1 - first]).number(durationNanos / EcsCodec.NANOS_PER_MILLI);
            first = 0;
        }
        out.optional(W_USER_AGENT[1 - first], from[S_USER_AGENT], to[S_USER_AGENT]);
        out.key(W_CLOSE);
        if (source >= 0) {
            out.key(W_SOURCES[source]);
        }
        out.optional(W_ACTION, from[S_ACTION], to[S_ACTION]);
        out.optional(W_MESSAGE, from[S_MESSAGE], to[S_MESSAGE]);
        out.optional(W_HEADERS, from[O_HEADERS], to[O_HEADERS]);
        if (includeRequestBody) {
            body(W_REQUEST_BODY, S_REQ_CONTENT, requestTruncated, S_REQ_TYPE);
        }
        if (includeResponseBody) {
            body(W_RESPONSE_BODY, S_RESP_CONTENT, responseTruncated, S_RESP_TYPE);
        }
        out.optional(W_ENRICHMENT, from[O_ENRICHMENT], to[O_ENRICHMENT]);
        out.key(W_CLOSE);
        gen.writeRawValue(out);
    }

    /** No content, no body (whatever the flag and type say), as {@code CanonicalParts.BodyParts} has it. */
    private void body(byte[] key, int content, boolean truncated, int type) {
        if (from[content] < 0) {
            return;
        }
        out.key(key).raw(from[content], to[content]);
        out.key(truncated ? W_TRUNCATED_TRUE : W_TRUNCATED_FALSE);
        out.optional(W_CONTENT_TYPE, from[type], to[type]);
        out.key(W_CLOSE);
    }

    private String project() {
        int f = from[S_PROJECT];
        int length = to[S_PROJECT] - f;
        byte[] b = in.b;
        if (lastProject != null && lastProject.length == length
                && java.util.Arrays.equals(lastProject, 0, length, b, f, f + length)) {
            return projectOfLast;
        }
        // Checked UTF-8 without escapes (see tapline()): its text is its bytes decoded, between the quotes.
        lastProject = java.util.Arrays.copyOfRange(b, f, f + length);
        projectOfLast = new String(b, f + 1, length - 2, StandardCharsets.UTF_8);
        return projectOfLast;
    }

    private void root() throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        for (int m = 0; in.member(); m++) {
            int bit;
            if (in.keyIs(ROOT_TAPLINE)) {
                bit = 1;
                tapline();
            } else if (in.keyIs(TRACE)) {
                bit = 2;
                only(ID, S_TRACE);
            } else if (in.keyIs(TIMESTAMP)) {
                bit = 4;
                timestamp();
            } else if (in.keyIs(LOG)) {
                bit = 8;
                level();
            } else if (in.keyIs(CONTAINER)) {
                bit = 16;
                only(ID, S_CONTAINER);
            } else if (in.keyIs(SERVICE)) {
                bit = 32;
                only(NAME, S_SERVICE);
            } else if (in.keyIs(HTTP)) {
                bit = 64;
                ByteEntryHttp.http(in, this);
            } else if (in.keyIs(URL)) {
                bit = 128;
                url();
            } else if (in.keyIs(CLIENT)) {
                bit = 256;
                only(IP, S_CLIENT);
            } else if (in.keyIs(EVENT)) {
                bit = 512;
                event();
            } else if (in.keyIs(USER_AGENT)) {
                bit = 1024;
                only(ORIGINAL, S_USER_AGENT);
            } else if (in.keyIs(MESSAGE)) {
                bit = 2048;
                string(S_MESSAGE);
            } else {
                throw LEAVE;
            }
            seen = once(seen, bit);
        }
    }

    private void tapline() throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(ID)) {
                seen = once(seen, 1);
                id = in.number(from, to, N_ID);
            } else if (in.keyIs(KIND)) {
                seen = once(seen, 2);
                kind = in.oneOf(KINDS);
            } else if (in.keyIs(PROJECT_ID)) {
                seen = once(seen, 4);
                string(S_PROJECT);
                if (in.hasEscape(from[S_PROJECT], to[S_PROJECT])) {
                    throw LEAVE; // decoded by Jackson instead
                }
            } else if (in.keyIs(SOURCE)) {
                seen = once(seen, 8);
                source = in.oneOf(SOURCES);
            } else if (in.keyIs(ENRICHMENT)) {
                seen = once(seen, 16);
                int start = in.pos;
                if (in.openJson(0)) { // an empty object holds no value: no enrichment
                    from[O_ENRICHMENT] = start;
                    to[O_ENRICHMENT] = in.pos;
                }
            } else {
                throw LEAVE;
            }
        }
    }

    private void timestamp() throws ByteCursor.Leave {
        string(S_TS);
        int f = from[S_TS];
        // "uuuu-MM-ddTHH:mm:ss.SSSZ" only: 24 ASCII digits and separators (so no escape), the text is its bytes
        if (to[S_TS] - f != 26) {
            throw LEAVE;
        }
        long ms = iso.millis(in.b, f + 1);
        if (ms < 0) { // not canonical, or before 1970, which Timestamps.iso writes another way
            throw LEAVE;
        }
        tsMs = ms;
    }

    private void level() throws ByteCursor.Leave {
        in.open();
        if (!in.member() || !in.keyIs(LEVEL)) {
            throw LEAVE; // no level, or something else: the general reader decides
        }
        level = in.oneOf(LEVELS);
        if (in.member()) {
            throw LEAVE;
        }
    }

    /** An object of one string member named {@code name} at most, into {@code slot}. */
    private void only(ByteCursor.Key name, int slot) throws ByteCursor.Leave {
        in.open();
        if (!in.member()) {
            return;
        }
        if (!in.keyIs(name)) {
            throw LEAVE;
        }
        string(slot);
        if (in.member()) {
            throw LEAVE;
        }
    }

    private void url() throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(ORIGINAL)) {
                seen = once(seen, 1);
                string(S_URL);
            } else if (in.keyIs(PATH) || in.keyIs(QUERY)) {
                // derived from url.original when stored, never read back; strings checked all the same
                seen = once(seen, in.keyIs(PATH) ? 2 : 4);
                in.string();
            } else {
                throw LEAVE;
            }
        }
    }

    private void event() throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(DURATION)) {
                seen = once(seen, 1);
                durationNanos = in.number(from, to, -1);
                hasDuration = true;
            } else if (in.keyIs(ACTION)) {
                seen = once(seen, 2);
                string(S_ACTION);
            } else {
                throw LEAVE;
            }
        }
    }

    void string(int slot) throws ByteCursor.Leave {
        int start = in.pos;
        in.string();
        from[slot] = start;
        to[slot] = in.pos;
    }

    /** A member met twice leaves: the general reader settles which one counts. */
    static int once(int seen, int bit) throws ByteCursor.Leave {
        if ((seen & bit) != 0) {
            throw LEAVE;
        }
        return seen | bit;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][][] kindLevel() {
        byte[][][] all = new byte[KINDS.length][][];
        for (int k = 0; k < KINDS.length; k++) {
            String kindPart = ",\"kind\":\"" + new String(KINDS[k], StandardCharsets.UTF_8) + "\",\"level\":\"";
            all[k] = prefixed(kindPart, LEVELS);
        }
        return all;
    }

    /** {@code prefix}, each name and a closing quote. */
    private static byte[][] prefixed(String prefix, byte[][] names) {
        byte[][] all = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            all[i] = (prefix + new String(names[i], StandardCharsets.UTF_8) + "\"").getBytes(StandardCharsets.UTF_8);
        }
        return all;
    }

    private static ByteCursor.Key key(String s) {
        return ByteCursor.Key.of(s);
    }

    private static <E> byte[][] wireNames(E[] constants, java.util.function.Function<E, String> name) {
        byte[][] names = new byte[constants.length][];
        for (int i = 0; i < constants.length; i++) {
            names[i] = name.apply(constants[i]).getBytes(StandardCharsets.UTF_8);
        }
        return names;
    }

    private static int defaultFeatures() {
        try (JsonGenerator gen = new ObjectMapper().createGenerator(OutputStream.nullOutputStream())) {
            return gen.getFeatureMask();
        } catch (IOException e) {
            return -1;
        }
    }
}
