package io.tapline.api.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic records for the stats, histogram and inventory tests, in projects and days of their own: tenant A
 * ({@code agga_one}, {@code agga_two}) and tenant B ({@code aggb_secret}), each with containers and services only it
 * has, plus a container and a service name both use. 36 hours from {@link #START}, so two daily indices.
 * Frequencies are skewed, so that every top-N ranking is unambiguous. Indexing is idempotent (ids are fixed).
 */
public final class AggregateDataset {

    public static final long START = 1_747_180_800_000L; // 2025-05-14T00:00:00Z
    public static final long HOUR = 3_600_000L;
    public static final long END = START + 36 * HOUR;
    public static final int COUNT = 3_000;

    public static final List<String> TENANT_A = List.of("agga_one", "agga_two");
    public static final String B_PROJECT = "aggb_secret";
    /** Every name that exists only in tenant B's records: none may ever reach tenant A. */
    public static final List<String> B_ONLY_NAMES = List.of(B_PROJECT, "cnt_b_hidden", "cnt_b_vault",
            "svc-b-payroll", "svc-b-ledger");

    private static final String[] A_CONTAINERS = {"cnt_a_web", "cnt_a_web", "cnt_a_web", "cnt_a_worker",
            "cnt_a_worker", "cnt_a_db", "cnt_shared"};
    private static final String[] B_CONTAINERS = {"cnt_b_hidden", "cnt_b_hidden", "cnt_b_vault", "cnt_shared"};
    private static final String[] A_SERVICES = {"svc-a-api", "svc-a-api", "svc-a-api", "svc-a-jobs", "svc-shared"};
    private static final String[] B_SERVICES = {"svc-b-payroll", "svc-b-payroll", "svc-b-ledger", "svc-shared"};
    private static final String[] METHODS = {"GET", "GET", "POST", "DELETE"};
    private static final String[] WORDS = {"timeout", "refused", "checkout", "invoice"};

    private final List<LogRecord> records;

    private AggregateDataset(List<LogRecord> records) {
        this.records = records;
    }

    public static AggregateDataset generate() {
        long[] now = {START};
        IdGenerator ids = new IdGenerator(611, () -> now[0]);
        List<LogRecord> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            now[0] = START + i * (36 * HOUR / COUNT);
            int mix = (i * 7919) % 97; // spreads every choice evenly over time
            boolean tenantB = mix % 3 == 0;
            String project = tenantB ? B_PROJECT : TENANT_A.get(mix % 5 == 0 ? 1 : 0);
            String[] containers = tenantB ? B_CONTAINERS : A_CONTAINERS;
            String[] services = tenantB ? B_SERVICES : A_SERVICES;
            Kind kind = Kind.values()[i % 3];
            // skewed levels: mostly info, some warn and error, a little debug and critical
            Level level = mix < 50 ? Level.INFO : mix < 70 ? Level.WARN : mix < 85 ? Level.ERROR
                    : mix < 93 ? Level.DEBUG : Level.CRITICAL;
            String word = WORDS[i % WORDS.length];
            LogRecord.Builder b = LogRecord.builder().id(ids.nextId()).traceId("agg-" + i / 2).tsMs(now[0])
                    .kind(kind).level(level).projectId(project)
                    // every 23rd record has no container (an edge record, say): it counts in "other"
                    .containerId(i % 23 == 0 ? null : containers[mix % containers.length])
                    .serviceName(services[(mix / 3) % services.length])
                    .method(METHODS[i % METHODS.length]).url("/v1/" + word + "/" + i)
                    .source(i % 2 == 0 ? Source.BACKEND : Source.EDGE);
            if (kind == Kind.EVENT) {
                b.action("upstream_timeout").message("upstream " + word + " after " + i + " ms");
            } else if (kind == Kind.RESPONSE) {
                b.status(200 + (i % 4) * 100).durationMs((long) (i % 500));
            }
            out.add(b.build());
        }
        return new AggregateDataset(List.copyOf(out));
    }

    /** Indexes the records (again: same ids, same documents) and makes them searchable. */
    public AggregateDataset index(ElasticsearchConnection connection) {
        ObjectMapper mapper = new ObjectMapper();
        new SchemaInstaller(connection, mapper, "30d").install();
        BulkResult result = new BulkIndexer(connection, mapper).index(records);
        assertThat(result.rejected()).isEmpty();
        new ElasticsearchStore(connection).refresh();
        return this;
    }

    public List<LogRecord> records() {
        return records;
    }

    public List<LogRecord> matching(Predicate<LogRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    public static boolean ofTenantA(LogRecord r) {
        return TENANT_A.contains(r.projectId());
    }

    /** Counts by {@code key}, most first, ties by key; records without a key are left out. */
    public static Map<String, Long> ranked(List<LogRecord> records, Function<LogRecord, String> key) {
        Map<String, Long> counts = records.stream().filter(r -> key.apply(r) != null)
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The time range as request parameters. */
    public static String window() {
        return "fromTimestamp=" + START + "&toTimestamp=" + END;
    }
}
