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
    static final byte[][] KINDS = wireNames(Kind.values(), Kind::wireName);
    static final byte[][] LEVELS = wireNames(Level.values(), Level::wireName);
    static final byte[][] SOURCES = wireNames(Source.values(), Source::wireName);

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
        out.reset(in.b);
        ByteEntryWrite.write(this, out, includeRequestBody, includeResponseBody);
        gen.writeRawValue(out);
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
