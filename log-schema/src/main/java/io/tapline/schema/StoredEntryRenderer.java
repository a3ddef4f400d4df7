package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders the {@link StoredEntry} of a document at index time: the {@link ApiEntryTranscoder} run over the ECS
 * bytes the indexer just wrote, without bodies, with a default generator, which is exactly what a page transcoding
 * that document's {@code _source} writes for it (the transcoder's entry depends on the document's values only,
 * and Elasticsearch keeps those when it drops {@link StoredEntry#FIELD} from {@code _source}). Not thread-safe.
 */
public final class StoredEntryRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
    private final EntryBytes entry = new EntryBytes();
    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) {
            entry.reserve(1)[entry.size()] = (byte) b;
            entry.advance(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, entry.reserve(len), entry.size(), len);
            entry.advance(len);
        }
    };
    private JsonGenerator gen;

    /**
     * Renders the entry of the document in {@code document[start, end)}; false when the transcoder refuses it (a
     * document that is not a record: it is then stored without an entry, and served from {@code _source}, where
     * a page meets the same refusal).
     */
    public boolean render(byte[] document, int start, int end) {
        try {
            renderOrThrow(document, start, end);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * As {@link #render}, failing as the transcoder fails on the document ({@code IllegalArgumentException} when it
     * is not a record): for a page, which must refuse what the transcoding page refuses.
     */
    public void renderOrThrow(byte[] document, int start, int end) throws IOException {
        entry.clear();
        try {
            if (gen == null) {
                gen = MAPPER.createGenerator(sink);
                gen.setRootValueSeparator(null);
            }
            transcoder.read(document, start, end);
            transcoder.write(gen, false, false);
            gen.flush();
        } catch (IOException | RuntimeException e) {
            gen = null; // may be left inside the entry
            entry.clear();
            throw e;
        }
    }

    /** The last entry rendered, into {@code into} (see {@link StoredEntry#set}). */
    public boolean copyTo(StoredEntry into) {
        return into.set(entry.array(), 0, entry.size());
    }

    /** The length of the last entry rendered, in base64. */
    public int base64Length() {
        return EntryBase64.encodedLength(entry.size());
    }

    /** Writes the last entry rendered as base64 at {@code into[at]} ({@link #base64Length} bytes); returns the end. */
    public int writeBase64(byte[] into, int at) {
        return EntryBase64.encode(entry.array(), 0, entry.size(), into, at);
    }

    /** The last entry rendered, as its bytes (tests). */
    public byte[] entry() {
        return java.util.Arrays.copyOf(entry.array(), entry.size());
    }
}
