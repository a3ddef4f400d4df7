package io.tapline.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IndexNames;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Timestamps;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a transcoded page goes out ({@code TranscodedPages.PageBody}): a small page in one write with a
 * {@code Content-Length}; a larger one chunked, sent while it is written; a failure before the first
 * {@link TranscodedPages#SPILL} bytes an ordinary error answer; a failure after them a connection closed before the
 * last chunk, which no client can take for a whole page. The failure here is a stored document that is no record,
 * written to the index by hand.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageStreamingIT {
    private static final long DAY = 1_739_491_200_000L; // 2025-02-14T00:00:00Z
    /** Pages default to recent records; these are older. */
    private static final String LOGS = "/api/proxy-logs/_logs?fromTimestamp=" + DAY + "&toTimestamp=" + (DAY + 86_400_000L);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final long LATE_BAD = 7_199_000_001L;
    private static final long FIRST_BAD = 7_199_000_002L;

    private URI es;
    private ElasticsearchConnection connection;
    private LiveApi api;

    @BeforeAll
    void start(URI es) throws Exception {
        this.es = es;
        connection = LiveApi.connect(es);
        List<LogRecord> records = new ArrayList<>();
        for (String project : List.of("pstream-late", "pstream-first", "pstream-good")) {
            for (int i = 0; i < 300; i++) {
                records.add(LogRecord.builder().id(7_100_000_000L + records.size()).tsMs(DAY + i * 1_000L)
                        .kind(Kind.REQUEST).level(Level.INFO).projectId(project).method("GET")
                        .url("/v1/stream/" + i).message("entry " + i + " of " + project).build());
            }
        }
        new SchemaInstaller(connection, MAPPER, "30d").install();
        assertThat(new BulkIndexer(connection, MAPPER).index(records).rejected()).isEmpty();
        // Not records: an unknown kind. One sorts in the middle of its project's newest 300, the other first.
        storeBadDocument(es, LATE_BAD, "pstream-late", DAY + 150_500L);
        storeBadDocument(es, FIRST_BAD, "pstream-first", DAY + 400_000L);
        new ElasticsearchStore(connection).refresh();
        api = LiveApi.start(connection, b -> b);
    }

    /** The node is shared with the other tests, whose pages must not meet these documents. */
    @AfterAll
    void stop() throws Exception {
        api.close();
        connection.close();
        for (long[] bad : new long[][]{{LATE_BAD, DAY + 150_500L}, {FIRST_BAD, DAY + 400_000L}}) {
            HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            es.resolve("/" + IndexNames.dailyIndex(bad[1]) + "/_doc/" + bad[0] + "?refresh=true"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }
    }

    @Test
    void aSmallPageIsOneWriteWithAContentLength() throws IOException {
        String raw = rawGet(LOGS + "&projectId=pstream-good&limit=5");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(head(raw).toLowerCase()).contains("content-length:").doesNotContain("transfer-encoding");
    }

    @Test
    void aLargePageIsChunkedAndWhole() throws Exception {
        String raw = rawGet(LOGS + "&projectId=pstream-good&limit=300");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(head(raw).toLowerCase()).contains("transfer-encoding: chunked").doesNotContain("content-length");
        assertThat(raw).endsWith("\r\n0\r\n\r\n");
        HttpResponse<String> page = api.admin(LOGS + "&projectId=pstream-good&limit=300", "X-API-Key",
                RunningApi.ADMIN_TOKEN);
        JsonNode body = MAPPER.readTree(page.body());
        assertThat(body.path("entries")).hasSize(300);
        assertThat(body.path("total").asLong()).isEqualTo(300);
        assertThat(page.body().length()).isGreaterThan(TranscodedPages.SPILL);
    }

    @Test
    void aFailureBeforeTheFirstBytesIsAnErrorAnswer() throws Exception {
        HttpResponse<String> page = api.admin(LOGS + "&projectId=pstream-first&limit=300", "X-API-Key",
                RunningApi.ADMIN_TOKEN);
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(MAPPER.readTree(page.body()).path("error").asText()).isEqualTo("Internal Server Error");
        assertThat(page.body()).doesNotContain("entries");
    }

    @Test
    void aFailureAfterTheFirstBytesClosesTheConnectionBeforeTheLastChunk() throws Exception {
        String raw = rawGet(LOGS + "&projectId=pstream-late&limit=300");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(head(raw).toLowerCase()).contains("transfer-encoding: chunked");
        assertThat(raw).contains("{\"entries\":[").doesNotEndWith("\r\n0\r\n\r\n");
        // an HTTP client reports the cut, never a page
        HttpClient http = HttpClient.newHttpClient();
        InetSocketAddress admin = api.server.adminAddress();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + LOGS
                + "&projectId=pstream-late&limit=300")).header("X-API-Key", RunningApi.ADMIN_TOKEN).build();
        Throwable failure = null;
        try {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).as("the client must not receive a truncated page as a whole one").isNotNull();
        // the server is fine afterwards
        assertThat(api.admin(LOGS + "&projectId=pstream-good&limit=300", "X-API-Key", RunningApi.ADMIN_TOKEN)
                .statusCode()).isEqualTo(200);
    }

    /** The whole exchange as the server sent it, read until it closes the connection. */
    private String rawGet(String path) throws IOException {
        InetSocketAddress admin = api.server.adminAddress();
        try (Socket socket = new Socket("127.0.0.1", admin.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + RunningApi.ADMIN_TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset instead of a clean close is a cut too; what arrived is what is checked
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static String head(String raw) {
        return raw.substring(0, raw.indexOf("\r\n\r\n"));
    }

    private static void storeBadDocument(URI es, long id, String project, long tsMs) throws Exception {
        String document = "{\"tapline\":{\"id\":" + id + ",\"kind\":\"not-a-kind\",\"project_id\":\"" + project
                + "\"},\"@timestamp\":\"" + Timestamps.iso(tsMs) + "\",\"log\":{\"level\":\"info\"}}";
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        es.resolve("/" + IndexNames.dailyIndex(tsMs) + "/_doc/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
    }
}
