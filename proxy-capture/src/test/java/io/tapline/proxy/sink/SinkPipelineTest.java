package io.tapline.proxy.sink;

import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.tapline.proxy.sink.SinkTestRecords.reported;
import static org.assertj.core.api.Assertions.assertThat;

class SinkPipelineTest {
    private static final String PROJECT = "proj_pipeline";
    private final SinkTestRecords records = new SinkTestRecords();
    private final SwitchableWriter writer = new SwitchableWriter();

    @TempDir
    Path dir;

    @Test
    void writesEveryAcceptedRecordOnceAndInOrderAcrossFailureSpoolAndRecovery() throws Exception {
        List<LogRecord> sent = new ArrayList<>();
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).maxBatch(50)
                .spool(new DiskSpool(dir, 64 << 20, 16 << 10)).build()) {
            for (int i = 0; i < 3000; i++) {
                if (i == 600) {
                    writer.failing = true;
                }
                if (i == 2000) {
                    writer.failing = false;
                }
                LogRecord r = records.next(PROJECT);
                sent.add(r);
                pipeline.accept(r);
                if (i % 10 == 0) {
                    Thread.sleep(1);
                }
            }
            assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
            SinkStats stats = pipeline.stats();
            assertThat(stats.accepted()).isEqualTo(3000);
            assertThat(stats.writeFailures()).isPositive();
            assertThat(stats.spooled()).isPositive();
            assertThat(stats.replayed()).isEqualTo(stats.spooled());
            assertThat(stats.dropped()).isZero();
            assertThat(stats.spoolBytes()).isZero();
        }
        List<LogRecord> written = writer.written();
        assertThat(written).containsExactlyElementsOf(sent);
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).id()).isGreaterThan(written.get(i - 1).id());
        }
    }

    @Test
    void withoutASpoolAFullQueueDropsAreCountedAndAnEventReportsTheExactCountAfterRecovery() throws Exception {
        writer.failing = true;
        List<LogRecord> sent = records.next(PROJECT, 1000);
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).queueCapacity(100)
                .memoryCapacity(100).maxBatch(50).build()) {
            sent.forEach(pipeline::accept);
            SinkStats whileDown = pipeline.stats();
            assertThat(whileDown.droppedQueueFull()).isPositive();
            assertThat(whileDown.accepted() + whileDown.droppedQueueFull()).isEqualTo(1000);

            writer.failing = false;
            assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
            SinkStats stats = pipeline.stats();
            assertThat(stats.droppedQueueFull()).isEqualTo(whileDown.droppedQueueFull());
            assertThat(writer.records()).hasSize((int) stats.accepted());
            assertThat(writer.records()).isSubsetOf(sent);
            assertThat(reported(writer.written(), "records_dropped", "dropped")).isEqualTo(stats.droppedQueueFull());
            LogRecord event = writer.written().stream().filter(SinkTestRecords::isEvent).findFirst().orElseThrow();
            assertThat(event.level()).isEqualTo(io.tapline.schema.Level.WARN);
            assertThat(event.message())
                    .isEqualTo("dropped " + event.enrichment().get("dropped") + " records: queue full");
            assertThat(event.enrichment()).containsEntry("reason", "queue full");
        }
    }

    @Test
    void aFullSpoolDropsAreCountedAndReportedAndNothingElseIsLost() throws Exception {
        writer.failing = true;
        long line = WireCodec.toLineBytes(records.next(PROJECT)).length;
        int accepted = 0;
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).maxBatch(10)
                .spool(new DiskSpool(dir, line * 60, line * 20)).build()) {
            for (int i = 0; i < 300; i++) {
                pipeline.accept(records.next(PROJECT));
                accepted++;
                if (i % 20 == 0) {
                    Thread.sleep(5);
                }
            }
            Thread.sleep(300);
            assertThat(pipeline.stats().droppedSpoolFull()).isPositive();
            writer.failing = false;
            assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
            SinkStats stats = pipeline.stats();
            assertThat(stats.accepted()).isEqualTo(accepted);
            assertThat(writer.records().size() + stats.droppedSpoolFull()).isEqualTo(accepted);
            assertThat(reported(writer.written(), "records_dropped", "dropped")).isEqualTo(stats.droppedSpoolFull());
            assertThat(writer.written().stream().filter(SinkTestRecords::isEvent))
                    .allSatisfy(e -> assertThat(e.enrichment()).containsEntry("reason", "spool full"));
        }
    }

    @Test
    void aWriterSlowerThanTheTrafficGetsEveryRecordOnceAndInOrderThroughTheSpoolAndNoneIsDropped() throws Exception {
        writer.delayMs = 5; // 50 records per 5 ms at most: far slower than the loop below offers them
        List<LogRecord> sent = records.next(PROJECT, 10_000);
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).maxBatch(50).memoryCapacity(200)
                .spool(new DiskSpool(dir, 256 << 20, 1 << 20)).build()) {
            long start = System.nanoTime();
            sent.forEach(pipeline::accept);
            // The writer needs >= 1 s for these (200 batches of 5 ms): accept never waited for it.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("10,000 accepts").isLessThan(Duration.ofMillis(500));
            assertThat(pipeline.flush(Duration.ofSeconds(60))).isTrue();
            SinkStats stats = pipeline.stats();
            assertThat(stats.spooled()).as("records went to the spool while the writer lagged").isPositive();
            assertThat(stats.accepted()).isEqualTo(sent.size());
            assertThat(stats.dropped()).isZero();
            assertThat(stats.replayed()).isEqualTo(stats.spooled());
            assertThat(stats.written()).isEqualTo(sent.size());
            assertThat(stats.writeFailures()).isZero();
        }
        assertThat(writer.written()).containsExactlyElementsOf(sent);
    }

    @Test
    void withASlowWriterAndATinySpoolDropsAreCountedExactlyReportedAndTheRestArrivesInOrder() throws Exception {
        writer.delayMs = 20;
        long line = WireCodec.toLineBytes(records.next(PROJECT)).length;
        List<LogRecord> sent = records.next(PROJECT, 3_000);
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).maxBatch(20).memoryCapacity(100)
                .spool(new DiskSpool(dir, line * 200, line * 50)).build()) {
            sent.forEach(pipeline::accept);
            assertThat(pipeline.flush(Duration.ofSeconds(60))).isTrue();
            SinkStats stats = pipeline.stats();
            assertThat(stats.accepted()).isEqualTo(sent.size());
            assertThat(stats.droppedSpoolFull()).as("the spool holds ~200 of 3,000 records").isPositive();
            assertThat(stats.droppedQueueFull()).isZero();
            List<LogRecord> kept = writer.records();
            assertThat(kept.size() + stats.droppedSpoolFull()).isEqualTo(sent.size());
            assertThat(sent).containsSubsequence(kept); // what arrived, arrived in order
            assertThat(kept).doesNotHaveDuplicates();
            assertThat(reported(writer.written(), "records_dropped", "dropped")).isEqualTo(stats.droppedSpoolFull());
            assertThat(writer.written().stream().filter(SinkTestRecords::isEvent))
                    .allSatisfy(e -> assertThat(e.enrichment()).containsEntry("reason", "spool full"));
        }
    }

    @Test
    void recordsTheWriterRefusesForGoodAreCountedAndReported() throws Exception {
        List<LogRecord> sent = records.next(PROJECT, 100);
        writer.refuses = r -> r.url() != null && r.url().endsWith("7");
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).build()) {
            sent.forEach(pipeline::accept);
            assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(pipeline.stats().rejected()).isEqualTo(10);
            assertThat(reported(writer.written(), "records_rejected", "rejected")).isEqualTo(10);
            assertThat(pipeline.stats().written()).isEqualTo(90 + writer.written().stream()
                    .filter(SinkTestRecords::isEvent).count());
        }
    }

    @Test
    void acceptNeverBlocksEvenWhileTheWriterHangs() {
        writer.stuck = new CountDownLatch(1);
        SinkPipeline pipeline = SinkTestRecords.pipeline(writer).closeTimeout(Duration.ofMillis(100)).build();
        try {
            LogRecord r = records.next(PROJECT);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] chunks = new long[100];
            long begin = System.nanoTime();
            for (int chunk = 0; chunk < chunks.length; chunk++) {
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < 10_000; i++) {
                    pipeline.accept(r);
                }
                chunks[chunk] = cpu.getCurrentThreadCpuTime() - start;
            }
            // The writer never returns: an accept that waited for it would never finish. On a shared machine a
            // thread is descheduled now and then, so the cost of a chunk is its CPU time, not its wall time.
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("1,000,000 accepts").isLessThan(Duration.ofSeconds(10));
            java.util.Arrays.sort(chunks);
            assertThat(Duration.ofNanos(chunks[94])).as("95th percentile of the CPU time of 10,000 accepts")
                    .isLessThan(Duration.ofMillis(10));
            SinkStats stats = pipeline.stats();
            assertThat(stats.accepted() + stats.droppedQueueFull()).isEqualTo(1_000_000);
            assertThat(stats.droppedQueueFull()).isGreaterThan(900_000);
        } finally {
            writer.stuck.countDown();
            pipeline.close();
        }
    }

    @Test
    void closeDeliversWhatIsStillQueuedAndClosesTheWriter() {
        List<LogRecord> sent = records.next(PROJECT, 500);
        SinkPipeline pipeline = SinkTestRecords.pipeline(writer).linger(Duration.ofSeconds(5)).build();
        sent.forEach(pipeline::accept);
        pipeline.close();
        assertThat(writer.written()).containsExactlyElementsOf(sent);
        assertThat(writer.closed).isTrue();
        assertThat(pipeline.stats().dropped()).isZero();
    }

    @Test
    void closeWithTheWriterDownKeepsTheQueueInTheSpoolForTheNextStart() {
        writer.failing = true;
        List<LogRecord> sent = records.next(PROJECT, 300);
        SinkPipeline pipeline = SinkTestRecords.pipeline(writer).spool(new DiskSpool(dir, 64 << 20, 1 << 20)).build();
        sent.forEach(pipeline::accept);
        long start = System.nanoTime();
        pipeline.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(pipeline.stats().dropped()).isZero();

        List<LogRecord> kept = new ArrayList<>();
        try (DiskSpool reopened = new DiskSpool(dir, 64 << 20, 1 << 20)) {
            while (!reopened.isEmpty()) {
                List<LogRecord> head = reopened.peek(100);
                kept.addAll(head);
                reopened.commit(head.size());
            }
        }
        assertThat(kept).containsExactlyElementsOf(sent);
    }

    @Test
    void closeWithTheWriterDownAndNoSpoolCountsWhatItCouldNotDeliver() {
        writer.failing = true;
        SinkPipeline pipeline = SinkTestRecords.pipeline(writer).closeTimeout(Duration.ofMillis(300)).build();
        records.next(PROJECT, 200).forEach(pipeline::accept);
        pipeline.close();
        SinkStats stats = pipeline.stats();
        assertThat(stats.droppedClosed()).isEqualTo(200);
        assertThat(stats.written()).isZero();
    }

    @Test
    void recordsHandedOverAfterCloseAreCountedNotSilentlyLost() {
        SinkPipeline pipeline = SinkTestRecords.pipeline(writer).build();
        pipeline.close();
        pipeline.accept(records.next(PROJECT));
        assertThat(pipeline.stats().droppedClosed()).isEqualTo(1);
        assertThat(pipeline.stats().accepted()).isZero();
    }

    @Test
    void aBatchWaitsForTheLingerToFillUpButNoLonger() throws Exception {
        try (SinkPipeline pipeline = SinkTestRecords.pipeline(writer).maxBatch(1000)
                .linger(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            pipeline.accept(records.next(PROJECT));
            Thread.sleep(50);
            pipeline.accept(records.next(PROJECT));
            assertThat(pipeline.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(2));
            assertThat(writer.calls.get()).as("both records in one batch").isEqualTo(1);
        }
    }
}
