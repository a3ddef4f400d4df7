package io.tapline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.LogRecord;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code _bulk} request body being built: every record's action line and document written straight into one
 * growing buffer, which becomes the request entity without a copy. Each record's slice is remembered, so that
 * items Elasticsearch asks to retry can be sent again on their own.
 */
final class BulkBatch {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.US_ASCII);

    /** A record and where its two lines are in the batch's buffer. */
    record Item(LogRecord record, int offset, int length) {
    }

    private final Buffer buffer;
    private final JsonGenerator gen;
    private final List<Item> items = new ArrayList<>();

    BulkBatch(Buffer buffer, ObjectMapper mapper) {
        this.buffer = buffer;
        try {
            // The mapper's own generator: same settings (and codec) as mapper.writeValue had before streaming.
            this.gen = mapper.createGenerator(buffer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write into memory", e);
        }
        // Documents follow each other at the root; Jackson would put a space between root values otherwise.
        gen.setRootValueSeparator(null);
    }

    /**
     * Appends {@code record}'s action line and document. A failure ends the batch (its generator may be left inside
     * the document): the caller throws it away.
     */
    void append(LogRecord record, DocumentWriter documents, ActionLines actions) {
        int start = buffer.size();
        try {
            buffer.write(actions.prefix(record.tsMs()));
            ActionLines.writeDecimal(buffer, record.id());
            buffer.write(ACTION_END);
            documents.write(record, gen);
            gen.flush();
            buffer.write('\n');
        } catch (IOException e) {
            buffer.truncate(start);
            throw new IllegalStateException("cannot serialize record " + record.id(), e);
        } catch (RuntimeException e) {
            buffer.truncate(start);
            throw e;
        }
        items.add(new Item(record, start, buffer.size() - start));
    }

    /** Moves the last record into {@code next} (it made this batch too large), bytes and all. */
    void moveLastTo(BulkBatch next) {
        Item last = items.remove(items.size() - 1);
        next.buffer.write(buffer.array(), last.offset(), last.length());
        next.items.add(new Item(last.record(), 0, last.length()));
        buffer.truncate(last.offset());
    }

    int size() {
        return items.size();
    }

    int bytes() {
        return buffer.size();
    }

    List<Item> items() {
        return items;
    }

    /** The whole batch as a request entity; the buffer must stay untouched until the answer is in. */
    HttpEntity entity() {
        return new ByteArrayEntity(buffer.array(), 0, buffer.size(), NDJSON);
    }

    /** Some of the batch's items (those to retry) as a request entity of their own. */
    HttpEntity entity(List<Item> some) {
        if (some.size() == items.size()) {
            return entity();
        }
        int size = 0;
        for (Item it : some) {
            size += it.length();
        }
        byte[] body = new byte[size];
        int pos = 0;
        for (Item it : some) {
            System.arraycopy(buffer.array(), it.offset(), body, pos, it.length());
            pos += it.length();
        }
        return new ByteArrayEntity(body, NDJSON);
    }

    /** A copy of the body so far. */
    byte[] toBytes() {
        return buffer.toByteArray();
    }

    /** The buffer, emptied, for the next batch; call only once no request reads it any more. */
    Buffer release() {
        buffer.reset();
        return buffer;
    }

    /** A byte buffer whose array can be handed to a request entity as is. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer(int capacity) {
            super(capacity);
        }

        byte[] array() {
            return buf;
        }

        int capacity() {
            return buf.length;
        }

        void truncate(int size) {
            count = size;
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }
    }
}
