package io.tapline.bench.filter;

import co.elastic.logstash.api.Event;
import io.tapline.logstash.MapEvent;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One batch of fresh input per benchmark call, made before the timed call, and what the benchmark thread spent
 * in the timed calls only: CPU time and allocated bytes, reported with the number of events next to the score
 * ({@code cpuMicros}, {@code allocatedBytes}, {@code events}). Events per CPU second stay meaningful when other
 * processes compete for the cores, which wall-clock events/s do not; bytes per event show how much work an
 * implementation leaves to the garbage collector, whose threads that CPU time does not include.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Batch {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** CPU time of the benchmark thread inside the timed calls of this iteration; read by JMH. */
    public long cpuMicros;
    /** Events handled by the timed calls of this iteration; read by JMH. */
    public long events;
    /** Bytes the benchmark thread allocated inside the timed calls of this iteration; read by JMH. */
    public long allocatedBytes;

    /** Fresh documents for the core; enrichment edits them. */
    List<Map<String, Object>> documents = List.of();
    /** Fresh events for the adapter, in Logstash-sized batches. */
    final List<List<Event>> eventBatches = new ArrayList<>();
    private long cpuNanos;
    private long startNanos;
    private long startBytes;

    @Setup(Level.Iteration)
    public void resetCounters() {
        cpuNanos = 0;
        cpuMicros = 0;
        events = 0;
        allocatedBytes = 0;
    }

    /**
     * Fresh input is parsed from the wire lines again, not copied from parsed documents: a copy would share the
     * string values, whose hash codes Java caches, and that would flatter any code that hashes them.
     */
    @Setup(Level.Invocation)
    public void prepare(FilterBenchmark bench, BenchmarkParams params) throws IOException {
        String benchmark = params.getBenchmark();
        if (benchmark.endsWith(".core")) {
            List<Map<String, Object>> fresh = new ArrayList<>(FilterBenchmark.RECORDS);
            for (byte[] line : bench.lines) {
                fresh.add(bench.mapper.readValue(line, FilterBenchmark.MAP));
            }
            documents = fresh;
        } else if (benchmark.endsWith(".adapter")) {
            eventBatches.clear();
            List<Event> batch = new ArrayList<>(FilterBenchmark.LOGSTASH_BATCH);
            for (byte[] line : bench.lines) {
                batch.add(logstashEvent(bench.mapper.readValue(line, FilterBenchmark.MAP)));
                if (batch.size() == FilterBenchmark.LOGSTASH_BATCH) {
                    eventBatches.add(batch);
                    batch = new ArrayList<>(FilterBenchmark.LOGSTASH_BATCH);
                }
            }
            if (!batch.isEmpty()) {
                eventBatches.add(batch);
            }
        }
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Invocation)
    public void account() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - startNanos;
        allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        cpuMicros = cpuNanos / 1_000;
        events += FilterBenchmark.RECORDS;
    }

    /** What Logstash's json_lines codec makes of a line: its own timestamp object and a {@code @version}. */
    private static Event logstashEvent(Map<String, Object> document) {
        MapEvent event = new MapEvent(document);
        event.setEventTimestamp(Instant.parse((String) document.get("@timestamp")));
        event.setField("@version", "1");
        return event;
    }
}
