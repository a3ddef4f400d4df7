package io.tapline.proxy.server;

import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.proxy.sink.SinkStats;
import io.tapline.proxy.sink.TcpForwarder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch really stops for 30 s (configurable with {@code -Dtapline.test.sinkOutageMs}) under steady
 * traffic through the proxy: no client request fails, and once the node is back every exchange is stored,
 * exactly — no loss, no duplicate.
 */
class SinkOutageIT {
    private static final long OUTAGE_MS = Long.getLong("tapline.test.sinkOutageMs", 30_000);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void elasticsearchDownUnderSteadyTrafficFailsNoRequestAndLosesNoRecord(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("es");
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(data).build().start();
        try (TcpForwarder forwarder = new TcpForwarder("127.0.0.1", node.httpUri().getPort());
             TestUpstream up = new TestUpstream()) {
            URI esViaForwarder = URI.create("http://127.0.0.1:" + forwarder.port());
            CaptureStack.installSchema(esViaForwarder);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            try (CaptureStack stack = new CaptureStack(esViaForwarder, """
                    routes:
                      - { name: steady, upstreams: [%s], projectId: proj_outage }
                    """.formatted(up.uri()), dir.resolve("spool"))) {
                Thread traffic = new Thread(() -> {
                    int i = 0;
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(stack.uri("/tick/" + i++))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                            Thread.sleep(40); // ~25 requests a second
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                }, "steady-traffic");
                traffic.start();

                Thread.sleep(3_000);
                forwarder.refuse();
                node.close(); // Elasticsearch really stops
                Thread.sleep(OUTAGE_MS);
                node = EmbeddedElasticsearch.builder().dataDir(data).build().start();
                forwarder.retarget(node.httpUri().getPort());
                forwarder.resume();
                Thread.sleep(3_000);
                running.set(false);
                traffic.join();

                assertThat(stack.pipeline.flush(Duration.ofSeconds(120))).as("the spool drained").isTrue();
                SinkStats stats = stack.pipeline.stats();
                assertThat(stats.spooled()).as("records waited in the spool during the outage").isPositive();
                assertThat(stats.dropped()).isZero();
                assertThat(stats.rejected()).isZero();
            }
            assertThat(failed.get()).as("client requests that failed").isZero();
            assertThat(ok.get()).isGreaterThan(OUTAGE_MS / 100);
            assertThat(CaptureStack.storedCount(node.httpUri(), "proj_outage")).isEqualTo(2 * ok.get());
        } finally {
            node.close();
        }
    }
}
