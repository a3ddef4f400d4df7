package io.tapline.proxy.sink;

import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the records a pipeline could not keep, and turns each new count into an {@code event} record, at most
 * once per second, so that losses show up in the logs themselves and never go unnoticed.
 */
final class DropReporter {
    /** Why records were lost; each becomes its own event with its own action. */
    enum Reason {
        /** The hand-off from the capturing threads was full: the spool's disk could not keep up. */
        QUEUE_FULL("records_dropped", "dropped", "queue full"),
        SPOOL_FULL("records_dropped", "dropped", "spool full"),
        REJECTED("records_rejected", "rejected", "refused by the destination");

        final String action;
        final String key;
        final String text;

        Reason(String action, String key, String text) {
            this.action = action;
            this.key = key;
            this.text = text;
        }
    }

    private static final long INTERVAL_MS = 1000;

    private final IdGenerator ids;
    private final Supplier<LogRecord> template;
    private final Clock clock;
    private final String destination;
    private final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] reported = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private long lastReportMs = Long.MIN_VALUE / 2;

    DropReporter(IdGenerator ids, Supplier<LogRecord> template, Clock clock, String destination) {
        this.ids = ids;
        this.template = template;
        this.clock = clock;
        this.destination = destination;
    }

    void count(Reason reason, long n) {
        if (n > 0) {
            counts[reason.ordinal()].addAndGet(n);
        }
    }

    long count(Reason reason) {
        return counts[reason.ordinal()].get();
    }

    /** True when some loss has not been turned into an event yet. */
    boolean hasUnreported() {
        for (Reason r : Reason.values()) {
            if (counts[r.ordinal()].get() > reported[r.ordinal()].get()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The events due now: one per reason with new losses, unless the last report was less than a second ago and
     * {@code force} (the last report, at close) is false. Called from one thread.
     */
    List<LogRecord> due(boolean force) {
        long now = clock.millis();
        if (!force && now - lastReportMs < INTERVAL_MS || !hasUnreported()) {
            return List.of();
        }
        lastReportMs = now;
        List<LogRecord> events = new ArrayList<>(2);
        for (Reason r : Reason.values()) {
            long total = counts[r.ordinal()].get();
            long delta = total - reported[r.ordinal()].getAndSet(total);
            if (delta > 0) {
                events.add(event(r, delta, now));
            }
        }
        return events;
    }

    /**
     * Takes back events that could not be kept anywhere (the spool was full): their counts are reported again,
     * merged into the next events, so that a lost event never hides a loss.
     */
    void unreport(List<LogRecord> events) {
        for (LogRecord e : events) {
            for (Reason r : Reason.values()) {
                Object n = e.enrichment().get(r.key);
                boolean same = r.action.equals(e.action())
                        && (r == Reason.REJECTED || r.text.equals(e.enrichment().get("reason")));
                if (same && n instanceof Number count) {
                    reported[r.ordinal()].addAndGet(-count.longValue());
                }
            }
        }
    }

    private LogRecord event(Reason reason, long n, long now) {
        String why = reason == Reason.REJECTED ? "refused by " + destination : reason.text;
        Map<String, Object> enrichment = new LinkedHashMap<>(template.get().enrichment());
        enrichment.put(reason.key, n);
        enrichment.put("reason", why);
        return template.get().toBuilder()
                .id(ids.nextId())
                .tsMs(now)
                .kind(Kind.EVENT)
                .level(Level.WARN)
                .action(reason.action)
                .message(reason.key + " " + n + " records: " + why)
                .enrichment(enrichment)
                .build();
    }
}
