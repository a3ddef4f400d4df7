package io.tapline.bench.filter;

import co.elastic.logstash.api.Event;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.enrich.Enricher;
import io.tapline.logstash.MapConfiguration;
import io.tapline.logstash.TaplineEnrich;
import io.tapline.logstash.TestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Events/s of the enrichment core, of the Logstash adapter and of the reference (Jackson parse + serialize), on
 * the same {@value #RECORDS} realistic records, one thread. A call handles a batch of {@value #BATCH} of them,
 * made fresh by {@link Batch} before the call (enrichment edits its input), and JMH divides by
 * {@link OperationsPerInvocation}, so the score is events/s. {@link Batch} also records the thread's CPU time in
 * the timed calls only. Every result goes to a {@link Blackhole}, so none of the work can be optimised away.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class FilterBenchmark {
    static final int RECORDS = 4096;
    /** Logstash's default {@code pipeline.batch.size}: how many events one {@code filter} call gets. */
    static final int BATCH = 125;
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    final ObjectMapper mapper = new ObjectMapper();
    /** The wire lines as Logstash's tcp input reads them: UTF-8 bytes. */
    byte[][] lines;
    private Enricher enricher;
    private TaplineEnrich filter;

    @Setup
    public void setUp() throws IOException {
        List<String> wire = new FilterWorkload().lines(RECORDS);
        lines = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            lines[i] = wire.get(i).getBytes(StandardCharsets.UTF_8);
        }
        enricher = Enricher.withDefaults();
        filter = new TaplineEnrich("tapline_enrich_bench", new MapConfiguration(Map.of()), new TestContext());
        checkEveryRecordIsEnriched();
    }

    /**
     * Fails the run unless core and adapter enrich every workload record: a path that threw on each record (and,
     * for the adapter, only tagged it) would measure as very fast.
     */
    private void checkEveryRecordIsEnriched() throws IOException {
        List<Event> matched = new ArrayList<>();
        for (byte[] line : lines) {
            Map<String, Object> document = enricher.enrich(mapper.readValue(line, MAP));
            Event event = Batch.logstashEvent(mapper.readValue(line, MAP));
            filter.filter(List.of(event), matched::add);
            if (!(document.get("tapline") instanceof Map)
                    || !(((Map<?, ?>) document.get("tapline")).get("enrichment") instanceof Map)
                    || event.getField("[tapline][enrichment][pattern_id]") == null
                    || String.valueOf(event.getField("tags")).contains(TaplineEnrich.FAILURE_TAG)) {
                throw new IllegalStateException("not enriched: " + new String(line, StandardCharsets.UTF_8));
            }
        }
        if (matched.size() != lines.length) {
            throw new IllegalStateException("filterMatched for " + matched.size() + " of " + lines.length);
        }
    }

    /** The enrichment core, as the direct sink runs it: a record's document in, enriched in place. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void core(Batch batch, Blackhole bh) {
        for (Map<String, Object> document : batch.documents) {
            bh.consume(enricher.enrich(document));
        }
    }

    /** The Logstash filter, as Logstash calls it: a batch of events in, filterMatched for each enriched one. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void adapter(Batch batch, Blackhole bh) {
        bh.consume(filter.filter(batch.logstashEvents, bh::consume));
    }

    /**
     * The reference: what Logstash does with every event anyway. Its {@code json_lines} codec parses the line
     * into a map, its {@code elasticsearch} output serializes the event into the bulk body; bytes in, bytes out.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jacksonParseAndSerialize(Batch batch, Blackhole bh) throws IOException {
        for (byte[] line : batch.lines) {
            bh.consume(mapper.writeValueAsBytes(mapper.readValue(line, MAP)));
        }
    }
}
