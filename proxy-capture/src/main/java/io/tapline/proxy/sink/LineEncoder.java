package io.tapline.proxy.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tapline.schema.EcsAsciiWriter;
import io.tapline.schema.EcsJsonWriter;
import io.tapline.schema.JsonLineBuffer;
import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encodes a batch of records as {@link WireCodec} lines into one reused buffer: what the line writers send or
 * append, without a buffer and a copy per record. Records whose texts are all ASCII (nearly all the proxy's) are
 * written by {@link EcsAsciiWriter}, the others by one JSON generator for the whole batch.
 * The bytes are exactly {@code WireCodec.toLineBytes} of each record, one after the other. Not thread-safe: one
 * per writer.
 */
final class LineEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(LineEncoder.class);
    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);

    private final JsonLineBuffer out = new JsonLineBuffer(64 * 1024);
    private JsonGenerator gen;
    private int[] ends = new int[0];
    private int lines;
    private int refused;

    /**
     * Encodes {@code batch}, replacing what the last call encoded. A record that cannot be written as JSON
     * (a value in its open enrichment map Jackson cannot serialize) is left out and counted in {@link #refused}.
     */
    void encode(List<LogRecord> batch) {
        out.reset();
        lines = 0;
        refused = 0;
        if (ends.length < batch.size()) {
            ends = new int[batch.size()];
        }
        for (LogRecord r : batch) {
            int start = out.size();
            try {
                if (EcsAsciiWriter.write(r, out)) {
                    out.write('\n');
                } else {
                    EcsJsonWriter.write(r, generator());
                    gen.writeRaw('\n');
                    gen.flush(); // the next record may be written past the generator, straight into out
                }
                ends[lines++] = out.size();
            } catch (IOException | RuntimeException e) {
                gen = null; // mid-object: the generator's state (and what it buffered) is lost with it
                out.truncate(start);
                refused++;
                LOG.warn("record {} cannot be written as JSON and is left out: {}", r.id(), e.toString());
            }
        }
    }

    /** Lines encoded by the last {@link #encode}. */
    int lines() {
        return lines;
    }

    /** Records the last {@link #encode} left out. */
    int refused() {
        return refused;
    }

    /** The offset just past line {@code i} (0-based) of the last batch. */
    int end(int i) {
        return ends[i];
    }

    /** Bytes of the last batch. */
    int size() {
        return out.size();
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of the last batch, without copying. */
    ByteBuffer slice(int from, int to) {
        return ByteBuffer.wrap(out.array(), from, to - from);
    }

    private JsonGenerator generator() throws IOException {
        if (gen == null) {
            gen = FACTORY.createGenerator(out);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }
        return gen;
    }
}
