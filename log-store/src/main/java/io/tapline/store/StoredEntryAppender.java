package io.tapline.store;

import io.tapline.schema.IndexNames;
import io.tapline.schema.StoredEntry;
import io.tapline.schema.StoredEntryRenderer;

import java.nio.charset.StandardCharsets;

/**
 * Adds each document's {@link StoredEntry} to it in the bulk body, as the field's base64 value, right after the
 * indexer has written the document: rendered from the document's own bytes, so it is the entry a page would
 * transcode from its {@code _source}. Only for indices that keep the field out of {@code _source}
 * ({@link EntryIndices}); the decision is kept per UTC day, as {@link ActionLines} keeps the index name. One per
 * {@link BulkIndexer#index} call, not shared between threads.
 */
final class StoredEntryAppender {
    private static final long DAY_MS = 86_400_000L;
    private static final byte[] KEY = (",\"" + StoredEntry.FIELD + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private final EntryIndices indices;
    private final StoredEntryRenderer renderer = new StoredEntryRenderer();
    private long day = Long.MIN_VALUE;
    private boolean accepts;

    StoredEntryAppender(EntryIndices indices) {
        this.indices = indices;
    }

    /**
     * Appends the entry of the document that fills {@code buffer} from {@code start} (a JSON object, its last byte
     * the closing brace) inside that object, when its index takes entries and the document is a record.
     */
    void append(BulkBatch.Buffer buffer, int start, long tsMs) {
        long d = Math.floorDiv(tsMs, DAY_MS);
        if (d != day) {
            accepts = indices.accepts(IndexNames.dailyIndex(tsMs));
            day = d;
        }
        int end = buffer.size();
        if (!accepts || end - start < 2 || buffer.array()[end - 1] != '}'
                || !renderer.render(buffer.array(), start, end)) {
            return;
        }
        int length = renderer.base64Length();
        // {..."last":v} becomes {..."last":v,"tapline_entry":"<base64>"}
        buffer.truncate(end - 1);
        int at = buffer.append(KEY.length + length + 2);
        byte[] b = buffer.array();
        System.arraycopy(KEY, 0, b, at, KEY.length);
        at = renderer.writeBase64(b, at + KEY.length);
        b[at] = '"';
        b[at + 1] = '}';
    }
}
