package io.tapline.proxy.spool;

import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSpoolTest {
    private final IdGenerator ids = new IdGenerator(7);

    @TempDir
    Path dir;

    @Test
    void replaysAppendedRecordsInOrderAcrossManySegments() throws IOException {
        List<LogRecord> sent = records(600);
        int maxSegmentsSeen = 0;
        List<LogRecord> replayed = new ArrayList<>();
        try (DiskSpool spool = new DiskSpool(dir, 10 << 20, 4096)) {
            int i = 0;
            for (int n = 1; i < sent.size(); n = n % 13 + 1) {
                List<LogRecord> batch = sent.subList(i, Math.min(sent.size(), i + n));
                assertThat(spool.append(batch)).isTrue();
                i += batch.size();
            }
            maxSegmentsSeen = segmentFiles().size();
            assertThat(spool.records()).isEqualTo(600);
            while (!spool.isEmpty()) {
                List<LogRecord> head = spool.peek(37);
                replayed.addAll(head);
                spool.commit(head.size());
            }
            assertThat(spool.sizeBytes()).isZero();
            assertThat(spool.records()).isZero();
        }
        assertThat(maxSegmentsSeen).isGreaterThan(20);
        assertThat(replayed).containsExactlyElementsOf(sent);
        assertThat(segmentFiles()).as("a consumed spool leaves no segment behind").isEmpty();
    }

    @Test
    void peekDoesNotConsumeAndCommitConsumesOnlyThePrefixAskedFor() {
        List<LogRecord> sent = records(10);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 16)) {
            spool.append(sent);
            assertThat(spool.peek(4)).containsExactlyElementsOf(sent.subList(0, 4));
            assertThat(spool.peek(4)).containsExactlyElementsOf(sent.subList(0, 4));
            spool.commit(3);
            assertThat(spool.peek(100)).containsExactlyElementsOf(sent.subList(3, 10));
            assertThat(spool.records()).isEqualTo(7);
        }
    }

    @Test
    void deletesEachSegmentOnceItIsReadToTheEnd() throws IOException {
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 2048)) {
            spool.append(records(100));
            int before = segmentFiles().size();
            assertThat(before).isGreaterThan(3);
            long sizeBefore = spool.sizeBytes();
            List<LogRecord> head = spool.peek(50);
            spool.commit(head.size());
            assertThat(segmentFiles().size()).isLessThan(before);
            assertThat(spool.sizeBytes()).isLessThan(sizeBefore);
            assertThat(spool.sizeBytes()).isEqualTo(totalSegmentBytes());
        }
    }

    @Test
    void aNewSpoolOnTheSameDirectoryContinuesWithTheSameContent() {
        List<LogRecord> sent = records(120);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 3000)) {
            spool.append(sent.subList(0, 100));
            spool.commit(spool.peek(30).size());
        }
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 3000)) {
            assertThat(reopened.records()).isEqualTo(70);
            reopened.append(sent.subList(100, 120));
            assertThat(drain(reopened)).containsExactlyElementsOf(sent.subList(30, 120));
        }
    }

    @Test
    void afterARestartCommittedRecordsAreNeverReplayedAndUncommittedOnesAre() {
        List<LogRecord> sent = records(50);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 2500)) {
            spool.append(sent);
            List<LogRecord> head = spool.peek(20);
            spool.commit(12); // the writer took 12 of the 20, then the process died
        }
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 2500)) {
            assertThat(drain(reopened)).containsExactlyElementsOf(sent.subList(12, 50));
        }
    }

    @Test
    void refusesABatchThatWouldPassTheMaximumAndKeepsNoneOfIt() {
        List<LogRecord> sent = records(15);
        long line = WireCodec.toLineBytes(sent.get(0)).length;
        try (DiskSpool spool = new DiskSpool(dir, line * 8, line * 3)) {
            assertThat(spool.append(sent.subList(0, 5))).isTrue();
            long size = spool.sizeBytes();
            assertThat(spool.append(sent.subList(5, 15))).isFalse();
            assertThat(spool.sizeBytes()).isEqualTo(size).isEqualTo(totalSegmentBytes());
            assertThat(spool.records()).isEqualTo(5);
            assertThat(drain(spool)).containsExactlyElementsOf(sent.subList(0, 5));
            assertThat(spool.append(sent.subList(5, 12))).as("room again once replayed").isTrue();
        }
    }

    @Test
    void aLineTornByACrashMidWriteIsCutOffAndCounted() throws IOException {
        List<LogRecord> sent = records(15);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            spool.append(sent.subList(0, 10));
        }
        Path segment = segmentFiles().get(0);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(segment) - 9); // the crash hit in the middle of the 10th line
        }
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            assertThat(reopened.corruptLines()).isEqualTo(1);
            assertThat(reopened.records()).isEqualTo(9);
            reopened.append(sent.subList(10, 15));
            List<LogRecord> expected = new ArrayList<>(sent.subList(0, 9));
            expected.addAll(sent.subList(10, 15));
            assertThat(drain(reopened)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anUnreadableLineIsSkippedCountedOnceAndNeverBlocksTheRest() throws IOException {
        List<LogRecord> sent = records(6);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            spool.append(sent.subList(0, 3));
        }
        Files.writeString(segmentFiles().get(0), "{\"not\":\"a record\"\n", StandardOpenOption.APPEND);
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            reopened.append(sent.subList(3, 6));
            assertThat(reopened.peek(100)).containsExactlyElementsOf(sent);
            assertThat(reopened.peek(100)).hasSize(6);
            assertThat(reopened.corruptLines()).isEqualTo(1);
            reopened.commit(6);
            assertThat(reopened.isEmpty()).isTrue();
        }
    }

    @Test
    void aSpoolHoldingOnlyAnUnreadableLineStepsPastItInsteadOfStalling() throws IOException {
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            spool.append(records(1));
            spool.commit(spool.peek(1).size());
            spool.append(records(1));
        }
        Path segment = segmentFiles().get(0);
        Files.writeString(segment, "garbage\n");
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            assertThat(reopened.isEmpty()).isFalse();
            assertThat(reopened.peek(10)).isEmpty();
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(reopened.corruptLines()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadablePositionFileReplaysFromTheOldestSegmentRatherThanLosingRecords() throws IOException {
        List<LogRecord> sent = records(20);
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            spool.append(sent);
            spool.commit(spool.peek(5).size());
        }
        Files.writeString(dir.resolve(DiskSpool.POSITION_FILE), "?!");
        try (DiskSpool reopened = new DiskSpool(dir, 1 << 20, 1 << 20)) {
            assertThat(drain(reopened)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void isEmptyIsExactThroughAppendPeekAndCommit() {
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 512)) {
            assertThat(spool.isEmpty()).isTrue();
            spool.append(records(3));
            assertThat(spool.isEmpty()).isFalse();
            spool.peek(3);
            assertThat(spool.isEmpty()).as("peeking consumes nothing").isFalse();
            spool.commit(2);
            assertThat(spool.isEmpty()).isFalse();
            spool.commit(spool.peek(5).size());
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.sizeBytes()).isZero();
        }
    }

    private List<LogRecord> drain(DiskSpool spool) {
        List<LogRecord> out = new ArrayList<>();
        while (!spool.isEmpty()) {
            List<LogRecord> head = spool.peek(7);
            out.addAll(head);
            spool.commit(head.size());
        }
        return out;
    }

    private List<LogRecord> records(int n) {
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LogRecord.builder().id(ids.nextId()).tsMs(1_700_000_000_000L + i).kind(Kind.REQUEST)
                    .level(Level.INFO).projectId("proj_spool").method("GET").url("/items/" + i + "?q=\"x\"\n")
                    .enrichment(Map.of("n", "v" + i)).build());
        }
        return out;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("spool-\\d{16}\\.ndjson")).sorted().toList();
        }
    }

    private long totalSegmentBytes() {
        try {
            long total = 0;
            for (Path p : segmentFiles()) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
