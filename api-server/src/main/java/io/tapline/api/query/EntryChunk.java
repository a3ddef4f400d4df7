package io.tapline.api.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiEntryTranscoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Up to a chunk's worth of a page's hits (see {@link ParallelEntries}), as ranges of the answer's bytes, and once
 * transcoded on whichever thread took it, their entries as bytes of their own. Belongs to one request.
 */
final class EntryChunk {
    int index;
    final byte[][] answers;
    final int[] starts;
    final int[] ends;
    int count;
    int sourceBytes;
    /**
     * Written by the thread that transcodes, read by the worker after {@code done} under the page's lock (never when
     * the worker took the chunk back from a helper: see {@link ParallelEntries#finish}).
     */
    byte[] bytes;
    int length;
    long lastId;
    Throwable failure;
    boolean done;

    EntryChunk(int size) {
        answers = new byte[size][];
        starts = new int[size];
        ends = new int[size];
    }

    void add(byte[] answer, int start, int end) {
        answers[count] = answer;
        starts[count] = start;
        ends[count] = end;
        count++;
        sourceBytes += end - start;
    }

    /** Transcodes a chunk's hits into bytes of its own: {@code [} and its entries; a failure is kept for the worker. */
    void transcode(ApiEntryTranscoder transcoder, ObjectMapper mapper, Predicate<String> inScope, boolean requestBody,
                   boolean responseBody) {
        ChunkBytes out = new ChunkBytes(sourceBytes + 64);
        JsonGenerator g = null;
        try {
            g = mapper.createGenerator(out);
            g.writeStartArray();
            for (int i = 0; i < count; i++) {
                transcoder.read(answers[i], starts[i], ends[i]);
                lastId = transcoder.id();
                if (inScope.test(transcoder.projectId())) {
                    transcoder.write(g, requestBody, responseBody);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
        try {
            if (g != null) {
                g.flush();
                length = out.count; // before close(), which would end the array
                g.close();
            }
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
        bytes = out.bytes;
    }

    /** A growing byte array, unsynchronised (one thread writes it). */
    private static final class ChunkBytes extends OutputStream {
        byte[] bytes;
        int count;

        ChunkBytes(int size) {
            bytes = new byte[size];
        }

        @Override
        public void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }
    }
}
