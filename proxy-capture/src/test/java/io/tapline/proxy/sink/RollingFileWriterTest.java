package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollingFileWriterTest {
    private static final String PROJECT = "proj_file";
    private final SinkTestRecords records = new SinkTestRecords();
    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-03-14T10:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void appendsOneLinePerRecordThatParsesBackToTheSameRecord() throws Exception {
        List<LogRecord> sent = records.next(PROJECT, 40);
        try (RollingFileWriter writer = new RollingFileWriter(dir, 1 << 20, 5, clock)) {
            writer.write(sent.subList(0, 15));
            writer.write(sent.subList(15, 40));
        }
        assertThat(files()).containsExactly("tapline-2025-03-14.ndjson");
        assertThat(readAll()).containsExactlyElementsOf(sent);
    }

    @Test
    void rollsToANumberedFileBeforeALineWouldPassTheSizeCap() throws Exception {
        records.next(PROJECT, 10);
        // from here on every line has the same length, so that exactly five fit in a file
        List<LogRecord> sent = records.next(PROJECT, 23).stream()
                .map(r -> r.toBuilder().kind(io.tapline.schema.Kind.RESPONSE).status(200).build()).toList();
        long cap = WireCodec.toLineBytes(sent.get(0)).length * 5L + 10;
        try (RollingFileWriter writer = new RollingFileWriter(dir, cap, 10, clock)) {
            writer.write(sent.subList(0, 8));
            writer.write(sent.subList(8, 23));
        }
        assertThat(files()).containsExactly("tapline-2025-03-14.1.ndjson", "tapline-2025-03-14.2.ndjson",
                "tapline-2025-03-14.3.ndjson", "tapline-2025-03-14.4.ndjson", "tapline-2025-03-14.ndjson");
        for (String f : files()) {
            assertThat(Files.size(dir.resolve(f))).isLessThanOrEqualTo(cap);
        }
        assertThat(readAll()).containsExactlyElementsOf(sent);
    }

    @Test
    void startsANewDatedFileAtUtcMidnight() throws Exception {
        clock.set(Instant.parse("2025-03-14T23:59:59Z"));
        List<LogRecord> sent = records.next(PROJECT, 4);
        try (RollingFileWriter writer = new RollingFileWriter(dir, 1 << 20, 5, clock)) {
            writer.write(sent.subList(0, 2));
            clock.advance(Duration.ofSeconds(2));
            writer.write(sent.subList(2, 4));
        }
        assertThat(files()).containsExactly("tapline-2025-03-14.ndjson", "tapline-2025-03-15.ndjson");
        assertThat(read("tapline-2025-03-15.ndjson")).containsExactlyElementsOf(sent.subList(2, 4));
    }

    @Test
    void keepsOnlyTheNewestFilesAcrossDaysAndSizeRolls() throws Exception {
        LogRecord one = records.next(PROJECT);
        long cap = WireCodec.toLineBytes(one).length + 1L; // one record per file
        try (RollingFileWriter writer = new RollingFileWriter(dir, cap, 3, clock)) {
            for (int day = 0; day < 3; day++) {
                writer.write(records.next(PROJECT, 3));
                clock.advance(Duration.ofDays(1));
            }
        }
        assertThat(files()).containsExactly("tapline-2025-03-16.1.ndjson", "tapline-2025-03-16.2.ndjson",
                "tapline-2025-03-16.ndjson");
    }

    @Test
    void aRestartContinuesTodaysNewestFileByAppendingOnly() throws Exception {
        List<LogRecord> sent = records.next(PROJECT, 10);
        try (RollingFileWriter writer = new RollingFileWriter(dir, 1 << 20, 5, clock)) {
            writer.write(sent.subList(0, 5));
        }
        byte[] before = Files.readAllBytes(dir.resolve("tapline-2025-03-14.ndjson"));
        try (RollingFileWriter writer = new RollingFileWriter(dir, 1 << 20, 5, clock)) {
            writer.write(sent.subList(5, 10));
        }
        byte[] after = Files.readAllBytes(dir.resolve("tapline-2025-03-14.ndjson"));
        assertThat(after).startsWith(before);
        assertThat(readAll()).containsExactlyElementsOf(sent);
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsUnavailableNotAnError() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        try (RollingFileWriter writer = new RollingFileWriter(notADir, 1 << 20, 5, clock)) {
            assertThatThrownBy(() -> writer.write(records.next(PROJECT, 1)))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageContaining(notADir.toString());
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tapline-")).sorted().toList();
        }
    }

    /** Every record in the directory, files in the order they were written. */
    private List<LogRecord> readAll() throws IOException {
        List<String> names = new ArrayList<>(files());
        names.sort((a, b) -> Integer.compare(index(a), index(b)));
        List<LogRecord> out = new ArrayList<>();
        for (String n : names) {
            out.addAll(read(n));
        }
        return out;
    }

    private List<LogRecord> read(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name)).stream().map(WireCodec::fromLine).toList();
    }

    private static int index(String name) {
        String[] parts = name.split("\\.");
        return parts.length == 3 ? Integer.parseInt(parts[1]) : 0;
    }

    /** A clock the test moves by hand. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
