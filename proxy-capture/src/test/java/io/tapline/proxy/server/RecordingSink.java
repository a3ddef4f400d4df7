package io.tapline.proxy.server;

import io.tapline.proxy.sink.RecordSink;
import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Keeps every record the proxy emits, for tests of what the proxy records (the sinks have their own tests). */
final class RecordingSink implements RecordSink {
    final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(LogRecord record) {
        records.add(record);
    }

    @Override
    public void close() {
    }

    List<LogRecord> all() {
        return List.copyOf(records);
    }

    List<LogRecord> await(Predicate<LogRecord> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<LogRecord> found = records.stream().filter(match).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(10);
        }
    }

    LogRecord awaitOne(Kind kind, String action, Duration timeout) throws InterruptedException {
        List<LogRecord> found = await(r -> r.kind() == kind && (action == null || action.equals(r.action())), 1, timeout);
        if (found.isEmpty()) {
            throw new AssertionError("no " + kind + " record with action " + action + " among " + all());
        }
        return found.get(0);
    }
}
