package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdGeneratorTest {
    private static final long T = Instant.parse("2024-06-12T14:07:14.000Z").toEpochMilli();

    @Test
    void manyThreadsOnSeveralNodesNeverProduceTheSameIdAndEachSeesItsGeneratorsIdsRise() throws Exception {
        int[] nodes = {0, 1, 512, 1023};
        IdGenerator[] generators = Arrays.stream(nodes).mapToObj(IdGenerator::new).toArray(IdGenerator[]::new);
        int threads = 8;
        int perThread = 500_000;
        long[] all = new long[threads * perThread];
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    long[] lastPerGenerator = new long[generators.length];
                    for (int i = 0; i < perThread; i++) {
                        int g = i % generators.length;
                        long id = generators[g].nextId();
                        if (id <= lastPerGenerator[g]) {
                            throw new AssertionError("generator " + g + " went from " + lastPerGenerator[g] + " to " + id);
                        }
                        if (IdGenerator.nodeOf(id) != nodes[g]) {
                            throw new AssertionError("id " + id + " does not carry node " + nodes[g]);
                        }
                        lastPerGenerator[g] = id;
                        all[offset + i] = id;
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Arrays.sort(all);
        assertThat(all[0]).isPositive();
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new AssertionError("duplicate id " + all[i]);
            }
        }
    }

    @Test
    void idsKeepRisingWhenTheClockStepsBackFiveSeconds() {
        AtomicLong clock = new AtomicLong(T);
        IdGenerator generator = new IdGenerator(3, clock::get);
        long before = generator.nextId();

        clock.addAndGet(-5_000);
        long after1 = generator.nextId();
        long after2 = generator.nextId();

        assertThat(after1).isGreaterThan(before);
        assertThat(after2).isGreaterThan(after1);
        assertThat(IdGenerator.timestampOf(after2)).isEqualTo(T);

        clock.set(T + 1);
        assertThat(generator.nextId()).isGreaterThan(after2).satisfies(id ->
                assertThat(IdGenerator.timestampOf(id)).isEqualTo(T + 1));
    }

    @Test
    void aFullSequenceBorrowsTheNextMillisecondInsteadOfWaiting() {
        IdGenerator generator = new IdGenerator(9, () -> T);
        long last = 0;
        for (int i = 0; i < 4096; i++) {
            last = generator.nextId();
            assertThat(IdGenerator.timestampOf(last)).isEqualTo(T);
            assertThat(IdGenerator.sequenceOf(last)).isEqualTo(i);
        }

        long borrowed = generator.nextId();
        long next = generator.nextId();

        assertThat(borrowed).isGreaterThan(last);
        assertThat(IdGenerator.timestampOf(borrowed)).isEqualTo(T + 1);
        assertThat(IdGenerator.sequenceOf(borrowed)).isZero();
        assertThat(IdGenerator.timestampOf(next)).isEqualTo(T + 1);
        assertThat(IdGenerator.sequenceOf(next)).isEqualTo(1);
        assertThat(IdGenerator.nodeOf(next)).isEqualTo(9);
    }

    @Test
    void decodesTimestampNodeAndSequence() {
        IdGenerator generator = new IdGenerator(777, () -> T);
        long first = generator.nextId();
        long second = generator.nextId();

        assertThat(IdGenerator.timestampOf(first)).isEqualTo(T);
        assertThat(IdGenerator.nodeOf(first)).isEqualTo(777);
        assertThat(IdGenerator.sequenceOf(first)).isZero();
        assertThat(IdGenerator.sequenceOf(second)).isEqualTo(1);
        assertThat(first).isEqualTo((T - IdGenerator.EPOCH_MS) << 22 | 777L << 12);
    }

    @Test
    void idsAreOrderedByTimeAcrossNodes() {
        long early = new IdGenerator(1023, () -> T).nextId();
        long late = new IdGenerator(0, () -> T + 1).nextId();

        assertThat(late).isGreaterThan(early);
        assertThat(IdGenerator.firstIdAt(T + 1)).isGreaterThan(early).isLessThanOrEqualTo(late);
    }

    @Test
    void idsArePositiveEvenAtTheEndOfTheTimestampRange() {
        long lastMs = IdGenerator.EPOCH_MS + (1L << 41) - 1;
        long id = new IdGenerator(1023, () -> lastMs).nextId();

        assertThat(id).isPositive();
        assertThat(IdGenerator.timestampOf(id)).isEqualTo(lastMs);
        assertThatThrownBy(() -> new IdGenerator(0, () -> lastMs + 1).nextId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClockBeforeTheEpochStillYieldsPositiveRisingIds() {
        IdGenerator generator = new IdGenerator(5, () -> 0L);
        long first = generator.nextId();

        assertThat(first).isPositive();
        assertThat(generator.nextId()).isGreaterThan(first);
        assertThat(IdGenerator.nodeOf(first)).isEqualTo(5);
    }

    @Test
    void nodeIdsOutsideZeroTo1023AreRejected() {
        assertThatThrownBy(() -> new IdGenerator(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId");
        assertThatThrownBy(() -> new IdGenerator(1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId");
        assertThat(new IdGenerator(0).nextId()).isPositive();
        assertThat(IdGenerator.nodeOf(new IdGenerator(1023).nextId())).isEqualTo(1023);
    }
}
