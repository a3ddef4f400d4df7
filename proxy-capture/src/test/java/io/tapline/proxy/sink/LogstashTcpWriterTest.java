package io.tapline.proxy.sink;

import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.Body;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogstashTcpWriterTest {
    private static final String PROJECT = "proj_logstash";
    /** How long the port stays closed; {@code -Dtapline.test.sinkOutageMs=30000} runs the 30 s case. */
    private static final long OUTAGE_MS = Long.getLong("tapline.test.sinkOutageMs", 1000);
    private final SinkTestRecords records = new SinkTestRecords();

    @TempDir
    Path dir;

    @Test
    void sendsOneJsonLinePerRecordThatParsesBackToTheSameRecordOverOneKeptConnection() throws Exception {
        try (LineServer server = new LineServer();
             LogstashTcpWriter writer = new LogstashTcpWriter("127.0.0.1", server.port())) {
            List<LogRecord> sent = records.next(PROJECT, 250);
            assertThat(writer.write(sent.subList(0, 100))).isZero();
            assertThat(writer.write(sent.subList(100, 250))).isZero();
            assertThat(server.awaitReceived(250, 5000)).containsExactlyElementsOf(sent);
            assertThat(server.accepted.get()).as("connections opened").isEqualTo(1);
            assertThat(server.badLines.get()).isZero();
        }
    }

    @Test
    void aClosedPortFailsTheWriteAsUnavailableAndTheNextWriteReconnects() throws Exception {
        try (LineServer server = new LineServer();
             LogstashTcpWriter writer = new LogstashTcpWriter("127.0.0.1", server.port())) {
            List<LogRecord> sent = records.next(PROJECT, 30);
            writer.write(sent.subList(0, 10));
            server.awaitReceived(10, 5000);
            server.stop();
            Thread.sleep(200); // the server's end-of-stream needs a moment to reach the client, even on loopback
            assertThatThrownBy(() -> writer.write(sent.subList(10, 20)))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageContaining("logstash 127.0.0.1:" + server.port());
            assertThat(writer.isConnected()).isFalse();

            server.start(server.port());
            writer.write(sent.subList(10, 30));
            List<LogRecord> expected = new ArrayList<>(sent.subList(0, 10));
            expected.addAll(sent.subList(10, 30));
            assertThat(server.awaitReceived(30, 5000)).containsExactlyElementsOf(expected);
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aLogstashThatStopsReadingFailsTheWriteAtTheWriteTimeoutInsteadOfHangingTheSink() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LogstashTcpWriter writer = new LogstashTcpWriter("127.0.0.1", silent.getLocalPort(),
                     Duration.ofSeconds(2), Duration.ofMillis(300))) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket neverRead = silent.accept();
                    Thread.sleep(60_000);
                    neverRead.close();
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String body = "x".repeat(100_000);
            List<LogRecord> big = records.next(PROJECT, 400).stream()
                    .map(r -> r.toBuilder().responseBody(new Body(body, false, "text/plain")).build()).toList();
            long start = System.nanoTime();
            assertThatThrownBy(() -> writer.write(big))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageContaining("write timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            acceptor.interrupt();
        }
    }

    @Test
    void everyRecordArrivesInOrderWithNoGapWhenThePortIsClosedForAWhileUnderSteadyTraffic() throws Exception {
        List<LogRecord> sent = new ArrayList<>();
        try (LineServer server = new LineServer()) {
            int port = server.port();
            try (SinkPipeline pipeline = SinkTestRecords.pipeline(new LogstashTcpWriter("127.0.0.1", port))
                    .maxBatch(100).spool(new DiskSpool(dir, 64 << 20, 256 << 10)).build()) {
                produce(pipeline, sent, Duration.ofSeconds(1));
                server.stop();
                long downSince = System.nanoTime();
                // down for the outage, and until the sink has seen it (a loaded machine may be slow to)
                while (System.nanoTime() - downSince < OUTAGE_MS * 1_000_000 || pipeline.stats().writeFailures() == 0) {
                    produce(pipeline, sent, Duration.ofMillis(50));
                    assertThat(Duration.ofNanos(System.nanoTime() - downSince))
                            .isLessThan(Duration.ofMillis(OUTAGE_MS + 20_000));
                }
                server.start(port);
                produce(pipeline, sent, Duration.ofSeconds(1));
                assertThat(pipeline.flush(Duration.ofMillis(Math.max(30_000, OUTAGE_MS * 5)))).isTrue();
                SinkStats stats = pipeline.stats();
                assertThat(stats.accepted()).isEqualTo(sent.size());
                assertThat(stats.dropped()).isZero();
                assertThat(stats.spooled()).isPositive();
            }
            List<LogRecord> received = server.awaitReceived(sent.size(), 30_000);
            Set<Long> firstSeen = new LinkedHashSet<>();
            received.forEach(r -> firstSeen.add(r.id()));
            assertThat(new ArrayList<>(firstSeen)).containsExactlyElementsOf(sent.stream().map(LogRecord::id).toList());
            Map<Long, LogRecord> byId = new HashMap<>();
            received.forEach(r -> byId.putIfAbsent(r.id(), r));
            assertThat(sent).allSatisfy(r -> assertThat(byId.get(r.id())).isEqualTo(r));
            assertThat(server.accepted.get()).as("reconnected after the restart").isGreaterThanOrEqualTo(2);
        }
    }

    /** A steady stream: about two records per millisecond for {@code time}. */
    private void produce(SinkPipeline pipeline, List<LogRecord> sent, Duration time) throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2; i++) {
                LogRecord r = records.next(PROJECT);
                sent.add(r);
                pipeline.accept(r);
            }
            Thread.sleep(1);
        }
    }
}
