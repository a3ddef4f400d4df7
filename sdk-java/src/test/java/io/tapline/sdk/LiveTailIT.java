package io.tapline.sdk;

import io.tapline.api.feed.EntryScope;
import io.tapline.api.stream.StreamSettings;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.sdk.stream.Disconnect;
import io.tapline.sdk.stream.LogStream;
import io.tapline.sdk.stream.StreamFrame;
import io.tapline.sdk.stream.StreamOptions;
import io.tapline.sdk.stream.StreamParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code streamLogs} against the real API server, through a TCP relay that breaks the connection for real:
 * the stream resumes with {@code Last-Event-ID} by itself and the caller sees every entry once, in order.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveTailIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private LiveServer server;
    private URI es;

    @BeforeAll
    void start(URI es) {
        this.es = es;
        server = LiveServer.start(es);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static StreamOptions fastReconnect(List<Disconnect> disconnects) {
        return StreamOptions.builder().backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .onDisconnect(disconnects::add).build();
    }

    @Test
    void survivesServerSideConnectionCutsWithoutAGapOrADuplicate() throws Exception {
        String project = TestRecords.uniqueProject("tail_cut");
        List<LogRecord> records = TestRecords.of(project, 3_000);
        List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
        long start = server.feed.lastSeq();
        try (TcpRelay relay = new TcpRelay(server.api.adminAddress());
             LogStream stream = TaplineClient.builder().baseUrl(relay.url()).apiKey(LiveServer.ADMIN_TOKEN).build()
                     .proxyLogs().logs().streamLogs(StreamParams.builder().projectId(project)
                             .lastEventId(start).build(), fastReconnect(disconnects))) {
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < records.size(); i++) {
                    server.feed.publish(records.get(i));
                    if (i % 700 == 350) {
                        // mid-stream, while frames are in flight. Cut only once the previous cut was noticed and a
                        // frame newer than the resume point has arrived, i.e. over the resumed connection: a cut
                        // during a reconnect's handshake may be absorbed by the HTTP client's own retry, and then
                        // this cut would break nothing the test can count.
                        int cutsSoFar = (i - 350) / 700;
                        long deadline = System.nanoTime() + WAIT.toNanos();
                        while (!streamingAfter(cutsSoFar, start, disconnects, stream, relay) && System.nanoTime() < deadline) {
                            sleep(5);
                        }
                        relay.cutAll();
                    }
                    if (i % 50 == 0) {
                        sleep(5);
                    }
                }
            });
            publisher.start();

            List<Long> seen = new ArrayList<>();
            List<Long> frameIds = new ArrayList<>();
            while (seen.size() < records.size()) {
                StreamFrame f = stream.next(WAIT);
                assertThat(f).as("a frame within %s after %d entries", WAIT, seen.size()).isNotNull();
                assertThat(f.type()).as("frame %s", f).isEqualTo(StreamFrame.Type.ENTRY);
                seen.add(f.entry().id());
                frameIds.add(f.id());
            }
            publisher.join();

            assertThat(seen).isEqualTo(records.stream().map(LogRecord::id).toList());
            assertThat(frameIds).isSorted().doesNotHaveDuplicates();
            assertThat(disconnects).as("the relay cut the stream").hasSizeGreaterThanOrEqualTo(4);
            assertThat(relay.accepted()).isGreaterThanOrEqualTo(5);
            assertThat(disconnects).allSatisfy(d -> assertThat(d.lastEventId()).isNotNull());
            assertThat(stream.lastEventId()).isEqualTo(frameIds.get(frameIds.size() - 1));
            // nothing more than what was published
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    /** True when the stream has noticed {@code cuts} cuts and received a frame over the connection after the last. */
    private static boolean streamingAfter(int cuts, long start, List<Disconnect> disconnects, LogStream stream,
                                          TcpRelay relay) {
        if (relay.open() == 0 || disconnects.size() < cuts) {
            return false;
        }
        Long resumedFrom = cuts == 0 ? Long.valueOf(start) : disconnects.get(disconnects.size() - 1).lastEventId();
        Long last = stream.lastEventId();
        return resumedFrom != null && last != null && last > resumedFrom;
    }

    @Test
    void aSilentlyDeadConnectionIsDetectedByTheIdleTimeoutAndResumed() throws Exception {
        try (LiveServer quick = LiveServer.start(es, LiveServer.generousLimits(),
                new StreamSettings(Duration.ofMillis(200), StreamSettings.DEFAULT_QUEUE_CAPACITY));
             TcpRelay relay = new TcpRelay(quick.api.adminAddress())) {
            String project = TestRecords.uniqueProject("tail_idle");
            List<LogRecord> records = TestRecords.of(project, 20);
            List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
            StreamOptions options = StreamOptions.builder().idleTimeout(Duration.ofSeconds(1))
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).heartbeats(true)
                    .onDisconnect(disconnects::add).build();
            try (LogStream stream = TaplineClient.builder().baseUrl(relay.url()).apiKey(LiveServer.ADMIN_TOKEN).build()
                    .proxyLogs().logs().streamLogs(StreamParams.builder().projectId(project)
                            .lastEventId(quick.feed.lastSeq()).build(), options)) {
                records.subList(0, 10).forEach(quick.feed::publish);
                List<Long> seen = new ArrayList<>();
                int heartbeats = 0;
                while (seen.size() < 10) {
                    StreamFrame f = stream.next(WAIT);
                    assertThat(f).isNotNull();
                    if (f.type() == StreamFrame.Type.HEARTBEAT) {
                        heartbeats++;
                    } else {
                        seen.add(f.entry().id());
                    }
                }
                relay.freezeAll(); // the link goes silent: no close, no heartbeat
                records.subList(10, 20).forEach(quick.feed::publish);
                while (seen.size() < 20) {
                    StreamFrame f = stream.next(WAIT);
                    assertThat(f).as("resumed after the idle timeout").isNotNull();
                    if (f.type() == StreamFrame.Type.HEARTBEAT) {
                        heartbeats++;
                    } else {
                        seen.add(f.entry().id());
                    }
                }
                assertThat(seen).isEqualTo(records.stream().map(LogRecord::id).toList());
                assertThat(disconnects).hasSize(1);
                assertThat(disconnects.get(0).reason()).contains("not even a heartbeat");
                while (heartbeats == 0) {
                    StreamFrame f = stream.next(WAIT);
                    assertThat(f).isNotNull();
                    heartbeats += f.type() == StreamFrame.Type.HEARTBEAT ? 1 : 0;
                }
            }
        }
    }

    @Test
    void aServerRestartIsAResetFrameAfterWhichTheNewServersEntriesFlow() throws Exception {
        LiveServer first = LiveServer.start(es);
        LiveServer second = null;
        String project = TestRecords.uniqueProject("tail_reset");
        List<LogRecord> before = TestRecords.of(project, 5);
        List<LogRecord> after = TestRecords.of(project, 5);
        try (TcpRelay relay = new TcpRelay(first.api.adminAddress());
             LogStream stream = TaplineClient.builder().baseUrl(relay.url()).apiKey(LiveServer.ADMIN_TOKEN).build()
                     .proxyLogs().logs().streamLogs(StreamParams.builder().projectId(project)
                             .lastEventId(first.feed.lastSeq()).build(),
                             fastReconnect(new CopyOnWriteArrayList<>()))) {
            before.forEach(first.feed::publish);
            for (LogRecord r : before) {
                assertThat(stream.next(WAIT).entry().id()).isEqualTo(r.id());
            }
            Long oldId = stream.lastEventId();

            first.close(); // the server goes away; the stream keeps trying through the relay
            second = first.restartedWithNewFeed(StreamSettings.defaults());
            relay.retarget(second.api.adminAddress());

            StreamFrame reset = stream.next(WAIT);
            assertThat(reset).isNotNull();
            assertThat(reset.type()).isEqualTo(StreamFrame.Type.RESET);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.reset().reason()).isNotBlank();
            assertThat(stream.lastEventId()).as("the old id is discarded").isNotEqualTo(oldId)
                    .isEqualTo(reset.id());

            after.forEach(second.feed::publish);
            for (LogRecord r : after) {
                StreamFrame f = stream.next(WAIT);
                assertThat(f.type()).isEqualTo(StreamFrame.Type.ENTRY);
                assertThat(f.entry().id()).isEqualTo(r.id());
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void droppedFramesArePassedThroughWithTheCountOfMissedEntries() throws Exception {
        String project = TestRecords.uniqueProject("tail_dropped");
        List<LogRecord> records = TestRecords.of(project, 2);
        try (LogStream stream = server.admin().proxyLogs().logs().streamLogs(StreamParams.builder()
                .projectId(project).lastEventId(server.feed.lastSeq()).build())) {
            server.feed.publish(records.get(0));
            server.feed.publishLost(new EntryScope(project, "cnt_0", Kind.REQUEST, Level.INFO), 7);
            server.feed.publish(records.get(1));

            assertThat(stream.next(WAIT).entry().id()).isEqualTo(records.get(0).id());
            StreamFrame dropped = stream.next(WAIT);
            assertThat(dropped.type()).isEqualTo(StreamFrame.Type.DROPPED);
            assertThat(dropped.event()).isEqualTo("dropped");
            assertThat(dropped.dropped().missed()).isEqualTo(7);
            assertThat(dropped.dropped().exact()).isTrue();
            assertThat(dropped.id()).isEqualTo(dropped.dropped().toId());
            assertThat(stream.next(WAIT).entry().id()).isEqualTo(records.get(1).id());
        }
    }

    @Test
    void scopeDestroyedIsTheLastFrameOfAContainersStream() throws Exception {
        String project = TestRecords.uniqueProject("tail_scope");
        LogRecord entry = TestRecords.record(project, "cnt_gone", 1, System.currentTimeMillis());
        try (LogStream stream = server.admin().proxyLogs().logs().streamLogs(StreamParams.builder()
                .projectId(project).containerId("cnt_gone").lastEventId(server.feed.lastSeq()).build())) {
            server.feed.publish(entry);
            server.feed.publish(TestRecords.scopeDestroyed(project, "cnt_gone"));
            server.feed.publish(TestRecords.record(project, "cnt_gone", 2, System.currentTimeMillis()));

            List<StreamFrame> frames = new ArrayList<>();
            for (StreamFrame f : stream) {
                frames.add(f);
            }
            assertThat(frames).extracting(StreamFrame::type)
                    .containsExactly(StreamFrame.Type.ENTRY, StreamFrame.Type.SCOPE_DESTROYED);
            assertThat(frames.get(1).event()).isEqualTo("scope-destroyed");
            assertThat(frames.get(1).entry().containerId()).isEqualTo("cnt_gone");
            assertThat(stream.isFinished()).isTrue();
            assertThatThrownBy(() -> stream.next(Duration.ofMillis(10))).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void aTenantsStreamCarriesOnlyItsOwnProject() throws Exception {
        String mine = TestRecords.uniqueProject("tail_mine");
        String theirs = TestRecords.uniqueProject("tail_theirs");
        List<LogRecord> own = TestRecords.of(mine, 3);
        try (LogStream stream = server.tenant("alice", mine).proxyLogs().logs()
                .streamLogs(StreamParams.builder().lastEventId(server.feed.lastSeq()).build())) {
            for (int i = 0; i < 3; i++) {
                server.feed.publish(TestRecords.record(theirs, "cnt_x", i, System.currentTimeMillis()));
                server.feed.publish(own.get(i));
            }
            for (LogRecord r : own) {
                StreamFrame f = stream.next(WAIT);
                assertThat(f.entry().projectId()).isEqualTo(mine);
                assertThat(f.entry().id()).isEqualTo(r.id());
            }
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aStreamTheServerRefusesThrowsItsTypedExceptionWithoutRetrying() {
        String other = TestRecords.uniqueProject("tail_other");
        try (LogStream forbidden = server.tenant("bob", "proj_bob").proxyLogs().logs()
                .streamLogs(StreamParams.builder().projectId(other).build())) {
            assertThatThrownBy(() -> forbidden.next(WAIT)).isInstanceOfSatisfying(ForbiddenException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.error()).isEqualTo("Forbidden");
                assertThat(e.apiMessage()).isEqualTo("Caller is not permitted to read logs for this scope");
            });
            assertThat(forbidden.isFinished()).isTrue();
        }
        try (LogStream unauthorized = TaplineClient.builder().baseUrl(server.adminUrl()).apiKey("not-a-key-at-all")
                .build().proxyLogs().logs().streamLogs(StreamParams.live())) {
            assertThatThrownBy(unauthorized.iterator()::hasNext).isInstanceOf(UnauthorizedException.class);
        }
        try (LogStream bad = server.admin().proxyLogs().logs()
                .streamLogs(StreamParams.builder().lastEventId(Long.MAX_VALUE).build())) {
            assertThatThrownBy(() -> bad.next(WAIT)).isInstanceOfSatisfying(BadRequestException.class,
                    e -> assertThat(e.apiMessage()).contains("Last-Event-ID"));
        }
    }

    @Test
    void aStreamThatCannotConnectAtAllFailsAtOnceUnlessToldToKeepTrying() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (LogStream nowhere = TaplineClient.builder().baseUrl("http://127.0.0.1:" + dead)
                .apiKey(LiveServer.ADMIN_TOKEN).build().proxyLogs().logs().streamLogs(StreamParams.live())) {
            assertThatThrownBy(() -> nowhere.next(WAIT)).isInstanceOf(TaplineConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + dead);
        }
        String project = TestRecords.uniqueProject("tail_later");
        LogRecord record = TestRecords.record(project, "cnt_0", 0, System.currentTimeMillis());
        List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
        try (TcpRelay relay = new TcpRelay(new java.net.InetSocketAddress("127.0.0.1", dead));
             LogStream patient = TaplineClient.builder().baseUrl(relay.url()).apiKey(LiveServer.ADMIN_TOKEN).build()
                     .proxyLogs().logs().streamLogs(StreamParams.builder().projectId(project)
                                     .lastEventId(server.feed.lastSeq()).build(),
                             StreamOptions.builder().retryFirstConnect(true)
                                     .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                                     .onDisconnect(disconnects::add).build())) {
            assertThat(patient.next(Duration.ofMillis(500))).isNull(); // still trying, not failed
            assertThat(disconnects).isNotEmpty();
            relay.retarget(server.api.adminAddress()); // the server "comes up"
            server.feed.publish(record);
            StreamFrame f = patient.next(WAIT);
            assertThat(f.entry().id()).isEqualTo(record.id());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
