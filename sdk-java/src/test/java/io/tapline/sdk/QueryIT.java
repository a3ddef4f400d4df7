package io.tapline.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.LogRecord;
import io.tapline.sdk.logs.ContainerList;
import io.tapline.sdk.logs.Histogram;
import io.tapline.sdk.logs.LogEntry;
import io.tapline.sdk.logs.LogStats;
import io.tapline.sdk.logs.ServiceList;
import io.tapline.sdk.logs.LogsPage;
import io.tapline.sdk.logs.LogsParams;
import io.tapline.sdk.logs.ExportFormat;
import io.tapline.sdk.logs.Paging;
import io.tapline.api.stream.StreamSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code list} and {@code listIterator} against the real API server over the embedded Elasticsearch node. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryIT {

    private static final int COUNT = 2_345;
    private LiveServer server;
    private URI es;
    private TaplineClient admin;
    private String project;
    private List<LogRecord> records;

    @BeforeAll
    void indexRecords(URI es) {
        this.es = es;
        server = LiveServer.start(es);
        admin = server.admin();
        project = TestRecords.uniqueProject("query");
        records = TestRecords.of(project, COUNT);
        server.index(records);
        // another project's records, which a query for ours must never return
        server.index(TestRecords.of(TestRecords.uniqueProject("query_other"), 150));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void listReturnsATypedSeed004PageNewestFirst() {
        LogsPage page = admin.proxyLogs().logs().list(LogsParams.builder().projectId(project).limit(100).offset(10)
                .build());
        assertThat(page.total()).isEqualTo(COUNT);
        assertThat(page.limit()).isEqualTo(100);
        assertThat(page.offset()).isEqualTo(10);
        assertThat(page.entries()).hasSize(100);
        List<LogRecord> newestFirst = records.stream()
                .sorted(Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed()).toList();
        assertThat(page.entries()).extracting(LogEntry::id)
                .containsExactlyElementsOf(newestFirst.subList(10, 110).stream().map(LogRecord::id).toList());

        Map<Long, LogRecord> byId = records.stream().collect(Collectors.toMap(LogRecord::id, Function.identity()));
        for (LogEntry e : page.entries()) {
            LogRecord r = byId.get(e.id());
            assertThat(e.traceId()).isEqualTo(r.traceId());
            assertThat(e.tsMs()).isEqualTo(r.tsMs());
            assertThat(e.tsIso()).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(r.tsMs())));
            assertThat(e.kind()).isEqualTo(r.kind().wireName());
            assertThat(e.level()).isEqualTo(r.level().wireName());
            assertThat(e.projectId()).isEqualTo(project);
            assertThat(e.containerId()).isEqualTo(r.containerId());
            assertThat(e.serviceName()).isEqualTo(r.serviceName());
            assertThat(e.method()).isEqualTo(r.method());
            assertThat(e.url()).isEqualTo(r.url());
            assertThat(e.clientIp()).isEqualTo(r.clientIp());
            assertThat(e.status()).isEqualTo(r.status());
            assertThat(e.data().bytesIn()).isEqualTo(r.bytesIn());
            assertThat(e.data().bytesOut()).isEqualTo(r.bytesOut());
            assertThat(e.data().durationMs()).isEqualTo(r.durationMs());
            assertThat(e.data().userAgent()).isEqualTo(r.userAgent());
            assertThat(e.source()).isEqualTo("backend");
        }
    }

    @Test
    void anEntryWrittenBackOutIsTheJsonTheServerSentUnknownFieldsIncluded() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.adminUrl() + "/api/proxy-logs/_logs?limit=50&projectId=" + project))
                .header("X-API-Key", LiveServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode sent = mapper.readTree(raw.body()).get("entries");
        List<LogEntry> typed = admin.proxyLogs().logs().list(LogsParams.builder().projectId(project).limit(50).build())
                .entries();
        assertThat(typed).hasSize(sent.size());
        for (int i = 0; i < typed.size(); i++) {
            // same keys, same order, same values
            assertThat(mapper.writeValueAsString(typed.get(i))).isEqualTo(mapper.writeValueAsString(sent.get(i)));
        }
        LogEntry withExtra = mapper.readValue("{\"id\":1,\"tsMs\":2,\"kind\":\"event\",\"level\":\"info\","
                + "\"data\":{\"bytesIn\":3,\"tlsVersion\":\"1.3\"},\"anomalyScore\":0.97}", LogEntry.class);
        assertThat(withExtra.other()).containsEntry("anomalyScore", 0.97);
        assertThat(withExtra.data().other()).containsEntry("tlsVersion", "1.3");
        assertThat(mapper.writeValueAsString(withExtra)).isEqualTo("{\"id\":1,\"tsMs\":2,\"kind\":\"event\","
                + "\"level\":\"info\",\"data\":{\"bytesIn\":3,\"tlsVersion\":\"1.3\"},\"anomalyScore\":0.97}");
    }

    @Test
    void listIteratorPagesOnItsOwnAndReturnsEveryRecordOnceInIdOrder() {
        LogIterator all = admin.proxyLogs().logs().listIterator(LogsParams.builder().projectId(project).limit(100)
                .build());
        List<Long> ids = new ArrayList<>();
        for (LogEntry e : all) {
            ids.add(e.id());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(records.stream().map(LogRecord::id).sorted().toList());
        assertThat(all.total()).isEqualTo(COUNT);
        assertThat(all.pages()).isBetween(COUNT / 100 + 1, COUNT / 100 + 2);
    }

    @Test
    void listIteratorStartsAfterTheGivenIdAndKeepsTheFilters() {
        List<Long> sorted = records.stream().map(LogRecord::id).sorted().toList();
        long start = sorted.get(2_000);
        List<Long> ids = new ArrayList<>();
        admin.proxyLogs().logs().listIterator(LogsParams.builder().projectId(project).afterId(start).limit(77)
                .build()).forEachRemaining(e -> ids.add(e.id()));
        assertThat(ids).containsExactlyElementsOf(sorted.subList(2_001, COUNT));
    }

    @Test
    void cursorPagingWalksTheFanoutSnapshotReturningEveryRecordOnce() {
        try (LiveServer fanout = LiveServer.start(es, LiveServer.generousLimits(), StreamSettings.defaults(),
                LiveServer.settledAtOnce().adminFanout(true).build())) {
            LogIterator all = fanout.admin().proxyLogs().logs().listIterator(
                    LogsParams.builder().projectId(project).limit(400).build(), Paging.CURSOR);
            List<Long> ids = new ArrayList<>();
            all.forEachRemaining(e -> ids.add(e.id()));
            assertThat(ids).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(records.stream().map(LogRecord::id).toList());
            assertThat(all.pages()).isEqualTo((COUNT + 399) / 400);
        }
    }

    @Test
    void aFanoutCursorWhoseSnapshotIsGoneIsAGoneException() throws Exception {
        try (LiveServer fanout = LiveServer.start(es, LiveServer.generousLimits(), StreamSettings.defaults(),
                LiveServer.settledAtOnce().adminFanout(true).build())) {
            Logs logs = fanout.admin().proxyLogs().logs();
            LogsPage first = logs.list(LogsParams.builder().projectId(project).limit(10).cursor("").build());
            assertThat(first.hasMore()).isTrue();
            assertThat(first.nextCursor()).isNotBlank();
            // the snapshot goes away on the Elasticsearch side (as when its keep-alive lapses or the node restarts)
            String jws = new String(java.util.Base64.getUrlDecoder().decode(first.nextCursor()),
                    java.nio.charset.StandardCharsets.US_ASCII);
            String pit = com.nimbusds.jwt.SignedJWT.parse(jws).getJWTClaimsSet().getStringClaim("pit");
            fanout.store.closeSnapshot(new io.tapline.store.snapshot.Snapshot(pit, Duration.ofMinutes(1)));
            LogsParams next = LogsParams.builder().projectId(project).limit(10).cursor(first.nextCursor()).build();
            assertThatThrownBy(() -> logs.list(next)).isInstanceOfSatisfying(GoneException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(410);
                assertThat(e.error()).isEqualTo("Gone");
                assertThat(e.apiMessage()).contains("snapshot has expired");
            });
        }
    }

    @Test
    void anNdjsonExportIsEveryMatchingEntryOnceAsTheServerWroteIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();
        long rows = admin.proxyLogs().logs().export(LogsParams.builder().projectId(project).build(),
                ExportFormat.NDJSON, out, progress::add);
        assertThat(rows).isEqualTo(COUNT);
        assertThat(progress).hasSize(COUNT).startsWith(1L).endsWith((long) COUNT);
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(COUNT);
        ObjectMapper mapper = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(mapper.readValue(line, LogEntry.class).id());
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(records.stream().map(LogRecord::id).toList());
    }

    @Test
    void aCsvExportHasAHeaderAndOneRowPerMatchingEntry() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogsParams errors = LogsParams.builder().projectId(project).levels(io.tapline.sdk.logs.Level.ERROR).build();
        long rows = admin.proxyLogs().logs().export(errors, ExportFormat.CSV, out, n -> { });
        long expected = records.stream().filter(r -> r.level() == io.tapline.schema.Level.ERROR).count();
        assertThat(rows).isEqualTo(expected).isEqualTo(admin.proxyLogs().logs().list(errors).total());
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("id,traceId,tsMs,tsIso,kind,level,projectId");
        assertThat(lines).hasSize((int) expected + 1);
    }

    @Test
    void anExportThatAlsoPagesIsABadRequest() {
        assertThatThrownBy(() -> admin.proxyLogs().logs().export(LogsParams.builder().limit(5).build(),
                ExportFormat.CSV, new ByteArrayOutputStream(), n -> { }))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("limit");
    }

    @Test
    void statsCountTheProjectsEntriesByEveryDimension() {
        LogStats stats = admin.proxyLogs().logs().getStats(LogsParams.builder().projectId(project).build());
        assertThat(stats.total()).isEqualTo(COUNT);
        assertThat(stats.byProject()).containsExactly(Map.entry(project, (long) COUNT));
        Map<String, Long> byLevel = records.stream().collect(Collectors.groupingBy(r -> r.level().wireName(),
                Collectors.counting()));
        assertThat(stats.byLevel()).isEqualTo(byLevel);
        Map<String, Long> byContainer = records.stream().collect(Collectors.groupingBy(LogRecord::containerId,
                Collectors.counting()));
        assertThat(stats.byContainer()).isEqualTo(byContainer);
        assertThat(stats.byService().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(COUNT);
        assertThat(stats.other()).isEqualTo(new LogStats.Other(0, 0, 0, 0));

        LogStats top1 = admin.proxyLogs().logs().getStats(LogsParams.builder().projectId(project).build(), 1);
        assertThat(top1.byContainer()).hasSize(1);
        assertThat(top1.byContainer().values().iterator().next() + top1.other().byContainer()).isEqualTo(COUNT);

        LogStats tenant = server.tenant("dave", project).proxyLogs().logs().getStats();
        assertThat(tenant.byProject().keySet()).containsOnly(project);
        assertThat(tenant.total()).isEqualTo(COUNT);
    }

    @Test
    void theHistogramsBucketsAddUpToTheEntriesInItsRange() {
        long first = records.stream().mapToLong(LogRecord::tsMs).min().orElseThrow();
        long last = records.stream().mapToLong(LogRecord::tsMs).max().orElseThrow();
        Histogram h = admin.proxyLogs().logs().histogram(LogsParams.builder().projectId(project)
                .fromTimestamp(first).toTimestamp(last + 1).build(), "1s");
        assertThat(h.interval()).isEqualTo("1s");
        assertThat(h.intervalMs()).isEqualTo(1_000);
        assertThat(h.fromTimestamp()).isEqualTo(first);
        assertThat(h.toTimestamp()).isEqualTo(last + 1);
        assertThat(h.total()).isEqualTo(COUNT);
        assertThat(h.buckets().stream().mapToLong(Histogram.Bucket::count).sum()).isEqualTo(COUNT);
        for (Histogram.Bucket b : h.buckets()) {
            assertThat(b.byLevel().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(b.count());
        }
        assertThatThrownBy(() -> admin.proxyLogs().logs().histogram(LogsParams.defaults(), "sometimes"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("interval");
    }

    @Test
    void containersAndServicesListTheInventoryMostEntriesFirst() {
        LogsParams mine = LogsParams.builder().projectId(project).build();
        ContainerList containers = admin.proxyLogs().logs().containers(mine, 10);
        assertThat(containers.total()).isEqualTo(COUNT);
        assertThat(containers.containers()).extracting(ContainerList.Container::containerId)
                .containsExactlyInAnyOrder("cnt_0", "cnt_1", "cnt_2");
        assertThat(containers.containers()).extracting(ContainerList.Container::count).isSortedAccordingTo(
                Comparator.reverseOrder());
        assertThat(containers.containers()).allSatisfy(c -> {
            assertThat(c.projectIds()).containsExactly(project);
            assertThat(c.lastSeenIso()).endsWith("Z");
        });
        ServiceList services = admin.proxyLogs().logs().services(mine, 1);
        assertThat(services.services()).hasSize(1);
        assertThat(services.services().get(0).count() + services.other()).isEqualTo(COUNT);
        assertThatThrownBy(() -> admin.proxyLogs().logs().containers(LogsParams.builder().limit(3).build(), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filters only");
    }

    @Test
    void aTenantIteratesOnlyItsOwnProject() {
        List<String> projects = new ArrayList<>();
        server.tenant("carol", project).proxyLogs().logs().listIterator(LogsParams.builder().limit(500).build())
                .forEachRemaining(e -> projects.add(e.projectId()));
        assertThat(projects).hasSize(COUNT).containsOnly(project);
    }
}
