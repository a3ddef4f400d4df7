package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic records for the query tests, in projects and a UTC day of their own so that other tests' records
 * on the shared node never interfere: every field varies, some records share a timestamp (ties broken by id),
 * ids are minted on a clock that runs with the records' time, so ids are in the past and settled.
 */
public record QueryDataset(String prefix, long dayStartMs, List<LogRecord> records) {

    public static final Comparator<LogRecord> NEWEST_FIRST =
            Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed();
    public static final Comparator<LogRecord> BY_ID = Comparator.comparingLong(LogRecord::id);

    private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT"};
    private static final String[] WORDS = {"timeout", "refused", "quota", "checkout", "invoice", "ünïcode"};

    /**
     * @param prefix   project ids are {@code prefix + "_a"}, {@code _b}, {@code _c}
     * @param nodeId   the id generator's node id, unique per dataset
     */
    public static QueryDataset generate(String prefix, long dayStartMs, int count, int nodeId) {
        long[] now = {dayStartMs};
        IdGenerator ids = new IdGenerator(nodeId, () -> now[0]);
        String[] projects = {prefix + "_a", prefix + "_b", prefix + "_c"};
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // every seventh record shares the previous one's timestamp: the id decides their order
            now[0] = dayStartMs + (i % 7 == 6 ? (i - 1) : i) * 20_000L;
            Kind kind = Kind.values()[i % 3];
            String word = WORDS[i % WORDS.length];
            LogRecord.Builder b = LogRecord.builder()
                    .id(ids.nextId())
                    .traceId("trace-" + prefix + "-" + i / 2)
                    .tsMs(now[0])
                    .kind(kind)
                    .level(Level.values()[i % 5])
                    .projectId(projects[i % 3])
                    .containerId("cnt_" + (i % 4))
                    .serviceName("svc-" + (i % 5))
                    .source(i % 2 == 0 ? Source.BACKEND : Source.EDGE)
                    .method(METHODS[i % 4])
                    .url("/v1/" + word + "/" + i + "?page=" + (i % 3))
                    .clientIp("203.0.113." + (i % 200))
                    .userAgent("Hoody-CLI/1.4." + (i % 3));
            if (kind == Kind.EVENT) {
                b.action("upstream_timeout").message("upstream " + word + " after " + i + " ms");
            } else if (kind == Kind.REQUEST) {
                b.bytesIn((long) i);
                if (i % 4 == 0) {
                    b.requestBody(new Body("{\"item\":\"" + word + "-" + i + "\",\"note\":\"a, \\\"quoted\\\" value\"}",
                            false, "application/json"));
                }
            } else {
                b.status(200 + (i % 4) * 100).bytesOut(i * 2L).durationMs((long) (i % 900));
                if (i % 4 == 1) {
                    b.responseBody(new Body("line one\r\nline two " + word, i % 8 == 1, "text/plain"));
                }
            }
            out.add(b.build());
        }
        return new QueryDataset(prefix, dayStartMs, List.copyOf(out));
    }

    /** Indexes the records and makes them searchable. */
    public QueryDataset index(ElasticsearchConnection connection) {
        ObjectMapper mapper = new ObjectMapper();
        new SchemaInstaller(connection, mapper, "30d").install();
        BulkResult result = new BulkIndexer(connection, mapper).index(records);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.indexed()).isEqualTo(records.size());
        new ElasticsearchStore(connection).refresh();
        return this;
    }

    public String project(char which) {
        return prefix + "_" + which;
    }

    public List<String> projects() {
        return List.of(project('a'), project('b'), project('c'));
    }

    /** The records matching {@code filter}, newest first. */
    public List<LogRecord> newestFirst(Predicate<LogRecord> filter) {
        return records.stream().filter(filter).sorted(NEWEST_FIRST).toList();
    }

    /** The time range the records span, as request parameters: every test narrows admin searches to it. */
    public String window() {
        return "fromTimestamp=" + dayStartMs + "&toTimestamp=" + (dayStartMs + 86_400_000L);
    }

    public Map<Long, LogRecord> byId() {
        Map<Long, LogRecord> map = new java.util.HashMap<>();
        records.forEach(r -> map.put(r.id(), r));
        return map;
    }
}
