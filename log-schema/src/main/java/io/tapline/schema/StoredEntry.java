package io.tapline.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A record's seed-004 entry without bodies, rendered at index time ({@link StoredEntryRenderer}) and stored beside
 * its document in {@link #FIELD}, a stored-only binary field kept out of {@code _source}. A page that asks for no
 * body copies these bytes instead of transcoding each {@code _source}: the transcoder's cost is per token (about
 * 58 strings per hit), a copy's is per byte. The bytes are the transcoder's own output for the same document, so
 * the page is the same.
 *
 * <p>The stored bytes are checked before they are trusted: base64, an entry's first member, the id of the hit they
 * came with, and a project read from the top level. Anything else is {@link #decode refused}, and the caller serves
 * the hit from its {@code _source}. Not thread-safe; one per page reader.
 */
public final class StoredEntry implements ApiEntrySource {
    /** The document field the entry is stored in (mapped in {@code index-template.json}). */
    public static final String FIELD = "tapline_entry";

    private static final byte[] START = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROJECT_ID = "projectId".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final EntryBytes bytes = new EntryBytes();
    private long id;
    /** The project id's string (quotes included) in {@link #bytes}, -1 when the entry has none. */
    private int projectFrom;
    private int projectTo;
    private String projectId;
    /** The last project id read, quoted, and its text: pages hold runs of the same few projects. */
    private byte[] lastProject;
    private String projectOfLast;

    /**
     * Takes the base64 text {@code text[start, end)} (as an answer's {@code fields} give a binary value) as the
     * stored entry of the record whose id is written in decimal in {@code text[idStart, idEnd)} (the hit's
     * {@code _id}). False when it is not one: not base64, not an entry, or another record's.
     */
    public boolean decode(byte[] text, int start, int end, byte[] idText, int idStart, int idEnd) {
        bytes.clear();
        return EntryBase64.decode(text, start, end, bytes) && parse() && sameId(idText, idStart, idEnd);
    }

    /** Takes {@code entry[start, end)}, an entry's bytes as a {@link StoredEntryRenderer} made them; false if not. */
    public boolean set(byte[] entry, int start, int end) {
        bytes.clear();
        System.arraycopy(entry, start, bytes.reserve(end - start), 0, end - start);
        bytes.advance(end - start);
        return parse();
    }

    /** The entry's bytes, in {@code array()[0, length())}. */
    public byte[] array() {
        return bytes.array();
    }

    public int length() {
        return bytes.size();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String projectId() {
        if (projectId == null && projectFrom >= 0) {
            projectId = project();
        }
        return projectId;
    }

    /**
     * Writes the entry. A stored entry holds no body: asking for one is a caller's bug (pages that want bodies
     * read {@code _source}), never answered with a page that silently lacks them.
     */
    @Override
    public void write(JsonGenerator gen, boolean includeRequestBody, boolean includeResponseBody) throws IOException {
        if (includeRequestBody || includeResponseBody) {
            throw new IllegalStateException("a stored entry has no bodies; read the document instead");
        }
        if (ByteEntry.plain(gen)) {
            gen.writeRawValue(bytes);
            return;
        }
        // a generator with options of its own: let it write every value itself
        try (JsonParser p = FACTORY.createParser(bytes.array(), 0, bytes.size())) {
            p.nextToken();
            gen.copyCurrentStructure(p);
        }
    }

    /**
     * Reads the id and finds the project in the entry's top level. The entry's members come in a fixed order, and
     * those before {@code projectId} are strings and numbers only ({@code traceId}, {@code tsMs}, {@code tsIso},
     * {@code kind}, {@code level}): the first object or array value means there is no project.
     */
    private boolean parse() {
        byte[] b = bytes.array();
        int n = bytes.size();
        projectFrom = -1;
        projectId = null;
        if (n < START.length + 2 || b[n - 1] != '}' || !java.util.Arrays.equals(b, 0, START.length, START, 0, START.length)) {
            return false;
        }
        int i = START.length;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = i;
        for (; i < n && b[i] >= '0' && b[i] <= '9' && i - digits < 19; i++) {
            value = value * 10 + (b[i] - '0');
        }
        if (i == digits || i >= n || b[i] != ',' && b[i] != '}') {
            return false;
        }
        id = negative ? -value : value;
        while (i < n - 1 && b[i] == ',') {
            // ,"name":value
            if (b[i + 1] != '"') {
                return false;
            }
            int nameStart = i + 2;
            int nameEnd = nameStart;
            while (nameEnd < n && b[nameEnd] != '"' && b[nameEnd] != '\\') {
                nameEnd++;
            }
            if (nameEnd + 1 >= n || b[nameEnd] != '"' || b[nameEnd + 1] != ':') {
                return false;
            }
            int v = nameEnd + 2;
            if (v >= n) {
                return false;
            }
            boolean project = java.util.Arrays.equals(b, nameStart, nameEnd, PROJECT_ID, 0, PROJECT_ID.length);
            if (b[v] == '"') {
                int end = stringEnd(b, v, n);
                if (end < 0) {
                    return false;
                }
                if (project) {
                    projectFrom = v;
                    projectTo = end;
                    return true;
                }
                i = end;
            } else if (b[v] == '{' || b[v] == '[' || project) {
                return true; // past the scalars at the top: no project
            } else {
                i = v;
                while (i < n && b[i] != ',' && b[i] != '}') {
                    i++;
                }
            }
        }
        return true;
    }

    /** The position after the string whose opening quote is at {@code at}, or -1 when it does not end. */
    private static int stringEnd(byte[] b, int at, int n) {
        for (int i = at + 1; i < n; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** True when the entry's id is the decimal number in {@code text[start, end)}. */
    private boolean sameId(byte[] text, int start, int end) {
        byte[] b = bytes.array();
        int i = START.length;
        int digitsEnd = i;
        while (b[digitsEnd] != ',' && b[digitsEnd] != '}') {
            digitsEnd++;
        }
        return java.util.Arrays.equals(b, i, digitsEnd, text, start, end);
    }

    private String project() {
        byte[] b = bytes.array();
        int length = projectTo - projectFrom;
        if (lastProject != null && lastProject.length == length
                && java.util.Arrays.equals(lastProject, 0, length, b, projectFrom, projectTo)) {
            return projectOfLast;
        }
        String text;
        if (indexOf(b, projectFrom + 1, projectTo - 1, (byte) '\\') < 0) {
            text = new String(b, projectFrom + 1, length - 2, StandardCharsets.UTF_8);
        } else {
            try {
                text = MAPPER.readValue(b, projectFrom, length, String.class);
            } catch (IOException e) {
                throw new IllegalStateException("a stored entry's project id is not a JSON string", e);
            }
        }
        lastProject = java.util.Arrays.copyOfRange(b, projectFrom, projectTo);
        projectOfLast = text;
        return text;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
