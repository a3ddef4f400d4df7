package io.tapline.bench.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiEntryTranscoder;
import io.tapline.schema.EcsJsonWriter;
import io.tapline.schema.LogRecord;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A loop over one saved search answer (200 hits of the query workload, as Elasticsearch returns them without
 * filter_path): the API-side CPU and allocation of reading the answer and writing the page's entries, without
 * Elasticsearch, HTTP or the machine's noise in the way. Args: [pages] [warm-up pages] [general|fast|bytes]: the
 * transcoder's general reader alone, with its Jackson fast path for the store's own layout (the default), or the
 * production path since session 6 (the answer scanned without a parser, documents read from their bytes).
 */
public final class TranscodeLoop {
    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        general = args.length > 2 && args[2].equals("general");
        bytes = args.length > 2 && args[2].equals("bytes");
        ObjectMapper mapper = new ObjectMapper();
        byte[] answer = answer(mapper);
        System.out.printf("answer: %,d bytes%n", answer.length);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long out = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < warmup; i++) {
                out += page(mapper, answer);
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long alloc = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < pages; i++) {
                out += page(mapper, answer);
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            alloc = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - alloc;
            System.out.printf("round %d: %.0f us CPU, %,d bytes allocated per page (page %,d bytes)%n", round,
                    cpu / 1e3 / pages, alloc / pages, out / ((round + 1) * (pages + warmup)));
        }
    }

    private static boolean general;
    private static boolean bytes;

    static int page(ObjectMapper mapper, byte[] answer) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128 * 1024);
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        if (bytes) {
            try (JsonGenerator gen = mapper.createGenerator(body)) {
                gen.writeStartObject();
                gen.writeFieldName("entries");
                gen.writeStartArray();
                io.tapline.store.AnswerScanner.read(answer, new io.tapline.store.AnswerScanner.DocumentReader() {
                    @Override
                    public int readWithin(byte[] b, int start, int available) throws java.io.IOException {
                        int end = transcoder.readWithin(b, start, available);
                        if (end > start && transcoder.projectId() != null) {
                            transcoder.write(gen, false, false);
                        }
                        return end;
                    }

                    @Override
                    public void read(byte[] b, int start, int end) throws java.io.IOException {
                        transcoder.read(b, start, end);
                        if (transcoder.projectId() != null) {
                            transcoder.write(gen, false, false);
                        }
                    }
                });
                gen.writeEndArray();
                gen.writeEndObject();
            }
            return body.size();
        }
        try (JsonParser p = mapper.createParser(answer); JsonGenerator gen = mapper.createGenerator(body)) {
            gen.writeStartObject();
            gen.writeFieldName("entries");
            gen.writeStartArray();
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (!f.equals("hits")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("hits") && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                JsonToken t = p.nextToken();
                                if (key.equals("_source") && t == JsonToken.START_OBJECT) {
                                    if (general) {
                                        transcoder.read(p);
                                    } else {
                                        transcoder.read(p, answer);
                                    }
                                    if (transcoder.projectId() != null) {
                                        transcoder.write(gen, false, false);
                                    }
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return body.size();
    }

    /** 200 hits of the workload as Elasticsearch answers a page: each stored document as its _source. */
    static byte[] answer(ObjectMapper mapper) throws Exception {
        QueryWorkload workload = new QueryWorkload(10_000, System.currentTimeMillis(), 86_400_000L);
        List<LogRecord> records = workload.next(200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("took", 7);
            gen.writeBooleanField("timed_out", false);
            gen.writeFieldName("_shards");
            gen.writeStartObject();
            gen.writeNumberField("total", 8);
            gen.writeNumberField("successful", 8);
            gen.writeNumberField("skipped", 0);
            gen.writeNumberField("failed", 0);
            gen.writeEndObject();
            gen.writeFieldName("hits");
            gen.writeStartObject();
            gen.writeFieldName("total");
            gen.writeStartObject();
            gen.writeNumberField("value", 5780);
            gen.writeStringField("relation", "eq");
            gen.writeEndObject();
            gen.writeNullField("max_score");
            gen.writeFieldName("hits");
            gen.writeStartArray();
            for (LogRecord r : records) {
                gen.writeStartObject();
                gen.writeStringField("_index", "tapline-logs-2026.11.21");
                gen.writeStringField("_id", Long.toString(r.id()));
                gen.writeNullField("_score");
                gen.writeFieldName("_source");
                EcsJsonWriter.write(r, gen);
                gen.writeFieldName("sort");
                gen.writeStartArray();
                gen.writeNumber(r.tsMs());
                gen.writeNumber(r.id());
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }
}
