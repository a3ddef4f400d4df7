package io.tapline.bench.filter;

import co.elastic.logstash.api.Event;
import co.elastic.logstash.api.FilterMatchListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.enrich.Enricher;
import io.tapline.logstash.MapConfiguration;
import io.tapline.logstash.MapEvent;
import io.tapline.logstash.TaplineEnrich;
import io.tapline.logstash.TestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One op = one record, on one thread, so ops/s is events/s per core; {@link ThreadCpu} also records the thread's
 * CPU time, for events per CPU second. Every op works on a fresh copy of the record's parsed document
 * ({@link #copyOnly} measures that copy alone).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class FilterBenchmark {
    static final int RECORDS = 4096;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper();
    private final FilterMatchListener listener = event -> { };
    private String[] lines;
    private List<Map<String, Object>> documents;
    private Enricher enricher;
    private TaplineEnrich filter;
    private int next;

    @Setup
    public void setUp() throws JsonProcessingException {
        lines = new FilterWorkload().lines(RECORDS).toArray(new String[0]);
        documents = new ArrayList<>(RECORDS);
        for (String line : lines) {
            documents.add(mapper.readValue(line, MAP));
        }
        enricher = Enricher.withDefaults();
        filter = new TaplineEnrich("tapline_enrich_bench", new MapConfiguration(Map.of()), new TestContext());
    }

    private int nextIndex() {
        next = (next + 1) & (RECORDS - 1);
        return next;
    }

    /** The enrichment core, as the direct sink runs it. */
    @Benchmark
    public Map<String, Object> core(ThreadCpu cpu) {
        return enricher.enrich(copy(documents.get(nextIndex())));
    }

    /** The Logstash adapter: Event in, toMap, core, write-back, filterMatched. */
    @Benchmark
    public Collection<Event> adapter(ThreadCpu cpu) {
        Event event = new MapEvent(copy(documents.get(nextIndex())));
        return filter.filter(Collections.singletonList(event), listener);
    }

    /** The reference: what Logstash's json_lines codec and elasticsearch output do with each record anyway. */
    @Benchmark
    public String jacksonParseAndSerialize(ThreadCpu cpu) throws JsonProcessingException {
        return mapper.writeValueAsString(mapper.readValue(lines[nextIndex()], MAP));
    }

    /** The fresh copy that {@link #core} and {@link #adapter} include. */
    @Benchmark
    public Map<String, Object> copyOnly(ThreadCpu cpu) {
        return copy(documents.get(nextIndex()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Map ? copy((Map<String, Object>) v)
                    : v instanceof List ? new ArrayList<>((List<Object>) v) : v);
        }
        return out;
    }
}
