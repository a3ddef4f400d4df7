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
 * The input of one benchmark call, made before the timed call, and what the benchmark thread spent in the timed
 * calls only: CPU time and allocated bytes, reported with the number of events next to the score
 * ({@code cpuMicros}, {@code allocatedBytes}, {@code events}). Events per CPU second stay meaningful when other
 * processes compete for the cores, which wall-clock events/s do not; bytes per event show how much work an
 * implementation leaves to the garbage collector, whose threads that CPU time does not include.
 *
 * <p>A call handles {@value FilterBenchmark#BATCH} records, Logstash's default {@code pipeline.batch.size}: the
 * next slice of the workload's wire lines, in turn. Core and adapter get them freshly parsed, as Logstash's
 * json_lines codec hands them over: parsed again for every call (a copy of parsed documents would share the string
 * values, whose hash codes Java caches, flattering any code that hashes them), and just before, so a batch is as
 * warm in the caches as one the codec has just made.
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

    /** The wire lines of this call (every benchmark). */
    final List<byte[]> lines = new ArrayList<>(FilterBenchmark.BATCH);
    /** Their documents, freshly parsed (core). */
    final List<Map<String, Object>> documents = new ArrayList<>(FilterBenchmark.BATCH);
    /** Their events, as Logstash makes them (adapter). */
    final List<Event> logstashEvents = new ArrayList<>(FilterBenchmark.BATCH);
    private int next;
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

    @Setup(Level.Invocation)
    public void prepare(FilterBenchmark bench, BenchmarkParams params) throws IOException {
        String benchmark = params.getBenchmark();
        boolean core = benchmark.endsWith(".core");
        boolean adapter = benchmark.endsWith(".adapter");
        lines.clear();
        documents.clear();
        logstashEvents.clear();
        for (int i = 0; i < FilterBenchmark.BATCH; i++) {
            byte[] line = bench.lines[next];
            next = (next + 1) % bench.lines.length;
            lines.add(line);
            if (core) {
                documents.add(bench.mapper.readValue(line, FilterBenchmark.MAP));
            } else if (adapter) {
                logstashEvents.add(logstashEvent(bench.mapper.readValue(line, FilterBenchmark.MAP)));
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
        events += FilterBenchmark.BATCH;
    }

    /** What Logstash's json_lines codec makes of a line: its own timestamp object and a {@code @version}. */
    static Event logstashEvent(Map<String, Object> document) {
        MapEvent event = new MapEvent(document);
        event.setEventTimestamp(Instant.parse((String) document.get("@timestamp")));
        event.setField("@version", "1");
        return event;
    }
}
