package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HandOffTest {
    private final SinkTestRecords records = new SinkTestRecords();

    @Test
    void everyRecordOfManyProducersArrivesOnceAndInEachProducersOrder() throws Exception {
        HandOff handOff = new HandOff(1024);
        int producers = 4;
        int each = 20_000;
        Map<Integer, List<LogRecord>> sent = new HashMap<>();
        for (int p = 0; p < producers; p++) {
            sent.put(p, records.next("proj_p" + p, each));
        }
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            List<LogRecord> mine = sent.get(p);
            Thread t = new Thread(() -> {
                for (LogRecord r : mine) {
                    while (!handOff.offer(r)) { // a full lane refuses; this producer retries to keep every record
                        refused.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
                done.countDown();
            });
            t.start();
        }
        List<LogRecord> taken = new ArrayList<>();
        while (taken.size() < producers * each) {
            taken.addAll(handOff.take(500, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(1),
                    () -> false));
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handOff.offered()).isEqualTo((long) producers * each);
        assertThat(handOff.size()).isZero();
        for (int p = 0; p < producers; p++) {
            String project = "proj_p" + p;
            assertThat(taken.stream().filter(r -> r.projectId().equals(project)).toList())
                    .containsExactlyElementsOf(sent.get(p));
        }
    }

    @Test
    void aFullLaneRefusesAndTheOfferedCountOnlyHoldsWhatWasTaken() {
        HandOff handOff = new HandOff(16);
        int accepted = 0;
        for (LogRecord r : records.next("proj_full", 100)) {
            if (handOff.offer(r)) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(16);
        assertThat(handOff.offered()).isEqualTo(16);
        assertThat(handOff.drain(100)).hasSize(16);
        assertThat(handOff.offer(records.next("proj_full"))).as("room again once drained").isTrue();
    }

    @Test
    void aSleepingTakerWakesForTheFirstRecordWithoutWaitingForItsTimeout() throws Exception {
        HandOff handOff = new HandOff(64);
        LogRecord r = records.next("proj_wake");
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            handOff.offer(r);
        });
        producer.start();
        long start = System.nanoTime();
        List<LogRecord> batch = handOff.take(1, TimeUnit.SECONDS.toNanos(10), 0, () -> false);
        assertThat(batch).containsExactly(r);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    }

    @Test
    void theRecordsOfAThreadThatEndedAreStillTakenAndCounted() throws Exception {
        HandOff handOff = new HandOff(64);
        List<LogRecord> sent = records.next("proj_gone", 10);
        Thread t = new Thread(() -> sent.forEach(handOff::offer));
        t.start();
        t.join();
        assertThat(handOff.drain(100)).containsExactlyElementsOf(sent);
        assertThat(handOff.drain(100)).isEmpty(); // the ended thread's lane is retired here
        assertThat(handOff.offered()).isEqualTo(10);
    }
}
