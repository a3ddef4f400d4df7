package io.tapline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tapline.schema.EcsJsonWriter;
import io.tapline.schema.LogRecord;
import io.tapline.store.filter.LogFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entry pages read while Elasticsearch's answer arrives ({@link RawSearch#start}, {@link StreamingAnswer}), against
 * a real HTTP server standing in for the node, which sends a page's answer in two chunks: the first hits reach the
 * page before the answer's last byte was sent; an answer cut short fails the page as unreachable (never a shorter
 * page); a busy node's 503 is retried before any byte of a page is read.
 */
class StreamedAnswerIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer server;
    private ElasticsearchConnection connection;
    private volatile Behaviour behaviour;
    private final AtomicInteger searches = new AtomicInteger();

    private interface Behaviour {
        void answer(HttpExchange exchange, byte[] head, byte[] tail) throws Exception;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                searches.incrementAndGet();
                byte[] answer = answer(TestRecords.generate(50, 1_700_000_000_000L, 1_000L, "p1"));
                int half = answer.length / 2;
                behaviour.answer(exchange, java.util.Arrays.copyOfRange(answer, 0, half),
                        java.util.Arrays.copyOfRange(answer, half, answer.length));
            } catch (Exception e) {
                exchange.close();
            }
        });
        server.start();
        connection = ElasticsearchConnection.open(StoreConfig.of(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort())), MAPPER);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.stop(0);
    }

    @Test
    void theFirstEntriesAreTranscodedBeforeTheAnswersLastByteIsSent() {
        CountDownLatch firstEntry = new CountDownLatch(1);
        boolean[] waitedFor = new boolean[1];
        behaviour = (exchange, head, tail) -> {
            send(exchange, head);
            // the rest only once the page has an entry (or after a while, for the assertion below to fail)
            waitedFor[0] = firstEntry.await(10, TimeUnit.SECONDS);
            OutputStream out = exchange.getResponseBody();
            out.write(tail);
            out.close();
        };
        List<Long> ids = new ArrayList<>();
        EntrySearch.EntryPage page = new ElasticsearchStore(connection).searchEntries(
                LogQuery.newestFirst(LogFilter.ALL, 50, 0), hit -> {
                    ids.add(hit.id());
                    firstEntry.countDown();
                });
        assertThat(waitedFor[0]).as("an entry was transcoded before the answer's last byte was sent").isTrue();
        assertThat(page.count()).isEqualTo(50);
        assertThat(ids).hasSize(50);
        assertThat(page.lastId()).isEqualTo(ids.get(49));
    }

    @Test
    void anAnswerCutShortFailsThePageAsUnreachable() {
        behaviour = (exchange, head, tail) -> {
            send(exchange, head);
            exchange.close(); // the connection ends inside the answer
        };
        List<Long> ids = new ArrayList<>();
        assertThatThrownBy(() -> new ElasticsearchStore(connection).searchEntries(
                LogQuery.newestFirst(LogFilter.ALL, 50, 0), hit -> ids.add(hit.id())))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(ids).hasSizeLessThan(50);
        assertThat(searches.get()).as("a page that has begun is not sent again").isEqualTo(1);
    }

    @Test
    void aBusyNodeIsAskedAgainBeforeAnyEntryIsRead() {
        AtomicInteger calls = new AtomicInteger();
        behaviour = (exchange, head, tail) -> {
            if (calls.getAndIncrement() == 0) {
                byte[] busy = "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(429, busy.length);
                exchange.getResponseBody().write(busy);
                exchange.close();
                return;
            }
            send(exchange, head);
            OutputStream out = exchange.getResponseBody();
            out.write(tail);
            out.close();
        };
        List<Long> ids = new ArrayList<>();
        EntrySearch.EntryPage page = new ElasticsearchStore(connection).searchEntries(
                LogQuery.newestFirst(LogFilter.ALL, 50, 0), hit -> ids.add(hit.id()));
        assertThat(page.count()).isEqualTo(50);
        assertThat(ids).hasSize(50).doesNotHaveDuplicates();
        assertThat(searches.get()).isEqualTo(2);
    }

    /** Sends the status and the first chunk, and makes sure it leaves now. */
    private static void send(HttpExchange exchange, byte[] head) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        out.write(head);
        out.flush();
    }

    /** A page's answer as Elasticsearch sends it. */
    private static byte[] answer(List<LogRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("took", 1);
            gen.writeFieldName("hits");
            gen.writeStartObject();
            gen.writeFieldName("total");
            gen.writeStartObject();
            gen.writeNumberField("value", records.size());
            gen.writeEndObject();
            gen.writeFieldName("hits");
            gen.writeStartArray();
            for (LogRecord record : records) {
                gen.writeStartObject();
                gen.writeStringField("_index", "tapline-logs-x");
                gen.writeFieldName("_source");
                EcsJsonWriter.write(record, gen);
                gen.writeFieldName("sort");
                gen.writeStartArray();
                gen.writeNumber(record.tsMs());
                gen.writeNumber(record.id());
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }
}
