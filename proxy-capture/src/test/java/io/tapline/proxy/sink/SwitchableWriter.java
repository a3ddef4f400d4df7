package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-memory destination for pipeline tests that can be switched to fail, to hang, to be slow, or to refuse some
 * records for good, like a real destination would. It keeps every record it took, in order.
 */
final class SwitchableWriter implements BatchWriter {
    private final List<LogRecord> written = new ArrayList<>();
    volatile boolean failing;
    volatile CountDownLatch stuck;
    volatile Predicate<LogRecord> refuses = r -> false;
    volatile boolean closed;
    /** Each write takes this long, as a destination slower than the traffic. */
    volatile long delayMs;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failedCalls = new AtomicInteger();

    @Override
    public int write(List<LogRecord> batch) throws SinkUnavailableException {
        calls.incrementAndGet();
        CountDownLatch latch = stuck;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long delay = delayMs;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing) {
            failedCalls.incrementAndGet();
            throw new SinkUnavailableException("switched off", null);
        }
        int refused = 0;
        synchronized (written) {
            for (LogRecord r : batch) {
                if (refuses.test(r)) {
                    refused++;
                } else {
                    written.add(r);
                }
            }
        }
        return refused;
    }

    /** Every record taken so far, in the order taken. */
    List<LogRecord> written() {
        synchronized (written) {
            return new ArrayList<>(written);
        }
    }

    /** The records taken so far that are not drop or rejection events. */
    List<LogRecord> records() {
        return written().stream().filter(r -> !SinkTestRecords.isEvent(r)).toList();
    }

    @Override
    public String describe() {
        return "switchable test writer";
    }

    @Override
    public void close() {
        closed = true;
    }
}
