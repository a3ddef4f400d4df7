package io.tapline.bench.filter;

import co.elastic.logstash.api.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.enrich.Enricher;
import io.tapline.logstash.MapConfiguration;
import io.tapline.logstash.MapEvent;
import io.tapline.logstash.TaplineEnrich;
import io.tapline.logstash.TestContext;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Logstash boundary alone costs the adapter: the very {@code getField}, {@code setField} and {@code remove}
 * calls the filter makes on each workload event (recorded once, with the values it set), replayed on freshly
 * parsed events without the core, next to the adapter itself and the core on the same batch. Its CPU per event is
 * the adapter's floor with a core that cost nothing. The three jobs take turns on each batch of
 * {@value FilterBenchmark#BATCH} records (parsed again for each, untimed, as {@link Batch} does), so all three see
 * the same moments of the machine's load; medians of the per-batch figures and ratios.
 *
 * <pre>java -cp bench/filter/target/filter-bench.jar io.tapline.bench.filter.BoundaryFloor SECONDS</pre>
 */
public final class BoundaryFloor {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Where every result goes, so that none of the work can be optimised away. */
    static Object sink;
    private static final String[] JOBS = {"adapter (TaplineEnrich.filter)", "boundary only (its calls replayed)",
            "enrichment core"};

    private BoundaryFloor() {
    }

    /** The calls the filter made on one event, after the codec's own. */
    private static final class Calls {
        final List<String> reads = new ArrayList<>();
        final List<String> writes = new ArrayList<>();
        final List<Object> values = new ArrayList<>();
        final List<String> removals = new ArrayList<>();

        void replay(Event event) {
            for (String reference : reads) {
                sink = event.getField(reference);
            }
            for (int i = 0; i < writes.size(); i++) {
                event.setField(writes.get(i), values.get(i)); // copies the value, as in the filter's own call
            }
            for (String reference : removals) {
                sink = event.remove(reference);
            }
        }
    }

    /** A {@link MapEvent} that notes the filter's calls; the codec's {@code @version} write switches it on. */
    private static final class Recording extends MapEvent {
        private final Calls calls;
        private boolean on;

        Recording(Map<String, Object> data, Calls calls) {
            super(data);
            this.calls = calls;
        }

        @Override
        public Object getField(String reference) {
            if (on) {
                calls.reads.add(reference);
            }
            return super.getField(reference);
        }

        @Override
        public void setField(String reference, Object value) {
            if (on) {
                calls.writes.add(reference);
                calls.values.add(value);
            }
            super.setField(reference, value);
            on |= reference.equals("@version");
        }

        @Override
        public Object remove(String reference) {
            if (on) {
                calls.removals.add(reference);
            }
            return super.remove(reference);
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> lines = new ArrayList<>();
        for (String line : new FilterWorkload().lines(FilterBenchmark.RECORDS)) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        Enricher enricher = Enricher.withDefaults();
        TaplineEnrich filter = new TaplineEnrich("floor", new MapConfiguration(Map.of()), new TestContext());
        Calls[] calls = new Calls[lines.size()];
        double reads = 0;
        double writes = 0;
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new Calls();
            Map<String, Object> document = mapper.readValue(lines.get(i), FilterBenchmark.MAP);
            Recording event = new Recording(document, calls[i]);
            event.setEventTimestamp(java.time.Instant.parse((String) document.get("@timestamp")));
            event.setField("@version", "1");
            filter.filter(List.of(event), matched -> { });
            reads += calls[i].reads.size();
            writes += calls[i].writes.size();
        }
        System.out.printf("per event: %.2f getField, %.2f setField, %.2f remove%n", reads / calls.length,
                writes / calls.length, (double) calls[0].removals.size());

        List<long[]> batches = AlternatingRounds.run(seconds, round -> {
            int next = AlternatingRounds.firstOf(round, calls.length);
            long[] nanos = new long[JOBS.length];
            for (int k = 0; k < JOBS.length; k++) {
                int job = (k + round) % JOBS.length;
                List<Event> events = new ArrayList<>(FilterBenchmark.BATCH);
                List<Map<String, Object>> documents = new ArrayList<>(FilterBenchmark.BATCH);
                for (int i = 0; i < FilterBenchmark.BATCH; i++) {
                    Map<String, Object> document = mapper.readValue(lines.get((next + i) % calls.length),
                            FilterBenchmark.MAP);
                    if (job == 2) {
                        documents.add(document);
                    } else {
                        events.add(Batch.logstashEvent(document));
                    }
                }
                long start = THREADS.getCurrentThreadCpuTime();
                if (job == 0) {
                    sink = filter.filter(events, matched -> { });
                } else if (job == 1) {
                    for (int i = 0; i < FilterBenchmark.BATCH; i++) {
                        calls[(next + i) % calls.length].replay(events.get(i));
                    }
                } else {
                    for (Map<String, Object> document : documents) {
                        sink = enricher.enrich(document);
                    }
                }
                nanos[job] = THREADS.getCurrentThreadCpuTime() - start;
            }
            return nanos;
        });
        System.out.printf("%d batches of %d, load average %.1f at the end; CPU per event, median of the batches:%n",
                batches.size(), FilterBenchmark.BATCH,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int job = 0; job < JOBS.length; job++) {
            BatchColumn c = BatchColumn.of(batches, job);
            System.out.printf("  %-36s %6.2f us (%,9.0f per CPU s), / adapter: %.3f (p25 %.3f, p75 %.3f)%n",
                    JOBS[job], c.micros(), c.perCpuSecond(), c.ratio(), c.ratioP25(), c.ratioP75());
        }
    }
}
