package io.tapline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.proxy.capture.EventAction;
import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.routing.ProxyConfig;
import io.tapline.proxy.routing.Route;
import io.tapline.proxy.routing.RoutesWatcher;
import io.tapline.proxy.server.ProxyServer;
import static io.tapline.proxy.server.ProxyMetrics.counter;
import static io.tapline.proxy.server.ProxyMetrics.gauge;
import io.tapline.proxy.server.ProxySnapshot;
import io.tapline.proxy.server.ProxyTransport;
import io.tapline.proxy.sink.BatchWriter;
import io.tapline.enrich.Enricher;
import io.tapline.enrich.EnrichmentConfig;
import io.tapline.proxy.sink.DirectWriter;
import io.tapline.proxy.sink.EnrichedDocuments;
import io.tapline.proxy.sink.LogstashTcpWriter;
import io.tapline.proxy.sink.RecordSink;
import io.tapline.proxy.sink.RollingFileWriter;
import io.tapline.proxy.sink.SinkPipeline;
import io.tapline.proxy.sink.SinkStats;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Level;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.RetryPolicy;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The capture proxy as {@code tapline serve} runs it: routes from a watched file, records through a sink
 * pipeline with a disk spool, and config reloads turned into {@code config_reload} and
 * {@code scope-destroyed} events.
 */
final class CaptureProxy implements AutoCloseable {
    private final RoutesWatcher watcher;
    private final SinkPipeline pipeline;
    private final BulkIndexer indexer;
    private final ProxyServer server;

    private CaptureProxy(RoutesWatcher watcher, SinkPipeline pipeline, BulkIndexer indexer, ProxyServer server) {
        this.watcher = watcher;
        this.pipeline = pipeline;
        this.indexer = indexer;
        this.server = server;
    }

    static CaptureProxy start(Path routesFile, String host, int port, ProxyTransport.Choice transport,
                              SinkSettings sink, Path dataDir,
                              ElasticsearchConnection connection, ObjectMapper mapper, int nodeId, PrintStream out,
                              LiveFeedSetup live) {
        RoutesWatcher watcher;
        try {
            watcher = new RoutesWatcher(routesFile);
        } catch (RuntimeException e) {
            throw new ConfigException("TAPLINE_ROUTES: " + Tapline.oneLine(e));
        }
        IdGenerator ids = new IdGenerator(nodeId);
        RecordFactory records = new RecordFactory(ids, System::currentTimeMillis);
        // The direct sink stores what Logstash with the tapline_enrich filter would: the enriched document.
        Enricher enricher = new Enricher(EnrichmentConfig.builder().slowThresholdMs(sink.slowThresholdMs())
                .redaction(watcher.current().redaction()).build());
        BulkIndexer indexer = sink.mode() == SinkSettings.Mode.DIRECT
                ? new BulkIndexer(connection, mapper, RetryPolicy.defaults(), 2_000, 8 * 1024 * 1024,
                new EnrichedDocuments(enricher::enrich))
                : null;
        BatchWriter writer = switch (sink.mode()) {
            case DIRECT -> new DirectWriter(indexer);
            case LOGSTASH -> new LogstashTcpWriter(sink.logstashHost(), sink.logstashPort());
            case FILE -> new RollingFileWriter(sink.fileDir(), sink.fileMaxBytes(), sink.fileKeep(), Clock.systemUTC());
        };
        DiskSpool spool = new DiskSpool(dataDir.resolve("spool"), sink.spoolMaxBytes(), 64L * 1024 * 1024);
        SinkPipeline pipeline = SinkPipeline.builder(writer).spool(spool).ids(ids)
                .eventTemplate(() -> records.event(null, null, "records_dropped", Level.WARN, "", null)).build();

        // Everything the proxy records also reaches the live feed (direct sink): config events included.
        RecordSink capture = live == null ? pipeline : live.tap(pipeline, sink.mode(), enricher);
        AtomicReference<ProxySnapshot> snapshot = new AtomicReference<>(ProxySnapshot.of(watcher.current()));
        watcher.addListener(new RoutesWatcher.Listener() {
            @Override
            public void onReload(ProxyConfig oldConfig, ProxyConfig newConfig, Set<String> removedContainerIds) {
                snapshot.set(ProxySnapshot.of(newConfig));
                out.println("tapline: routes reloaded from " + routesFile + " (" + newConfig.routes().size() + " routes)");
                capture.accept(records.event(null, null, EventAction.CONFIG_RELOAD, Level.INFO,
                        "routes reloaded: " + newConfig.routes().size() + " routes", null));
                for (String container : removedContainerIds) {
                    Route gone = oldConfig.routes().stream().filter(r -> container.equals(r.containerId()))
                            .findFirst().orElseThrow();
                    capture.accept(records.containerEvent(gone.projectId(), container, gone.serviceName(),
                            gone.source(), EventAction.SCOPE_DESTROYED, "container " + container
                                    + " was removed from the proxy configuration"));
                }
            }

            @Override
            public void onReloadFailed(String error) {
                out.println("tapline: routes reload refused, keeping the previous routes: " + error);
                capture.accept(records.event(null, null, EventAction.CONFIG_RELOAD_FAILED, Level.ERROR, error, null));
            }
        });
        watcher.startPolling(Duration.ofSeconds(1));
        watcher.installSighupHandler();
        ProxyServer server;
        try {
            server = ProxyServer.builder().host(host).port(port).snapshots(snapshot::get).sink(capture)
                    .records(records).tls(watcher.current().tls()).transport(transport).build().start();
        } catch (RuntimeException e) {
            watcher.close();
            pipeline.close();
            throw new ConfigException(Tapline.oneLine(e));
        }
        return new CaptureProxy(watcher, pipeline, indexer, server);
    }

    InetSocketAddress address() {
        return server.address();
    }

    /** {@code epoll} or {@code nio}. */
    String transport() {
        return server.transport();
    }

    boolean tls() {
        return watcher.current().tls() != null;
    }

    SinkPipeline pipeline() {
        return pipeline;
    }

    /** The proxy's and the sink's counters in Prometheus text format. */
    void renderMetrics(StringBuilder out) {
        server.metrics().render(out);
        SinkStats s = pipeline.stats();
        counter(out, "tapline_sink_records_accepted_total", "Records taken by the sink.", s.accepted());
        counter(out, "tapline_sink_records_written_total", "Records the destination stored.", s.written());
        counter(out, "tapline_sink_records_spooled_total", "Records put in the disk spool.", s.spooled());
        counter(out, "tapline_sink_records_replayed_total", "Records replayed from the disk spool.", s.replayed());
        out.append("# HELP tapline_sink_records_dropped_total Records lost, by reason.\n")
                .append("# TYPE tapline_sink_records_dropped_total counter\n")
                .append("tapline_sink_records_dropped_total{reason=\"queue_full\"} ").append(s.droppedQueueFull()).append('\n')
                .append("tapline_sink_records_dropped_total{reason=\"spool_full\"} ").append(s.droppedSpoolFull()).append('\n')
                .append("tapline_sink_records_dropped_total{reason=\"closed\"} ").append(s.droppedClosed()).append('\n');
        counter(out, "tapline_sink_records_rejected_total", "Records the destination refused for good.", s.rejected());
        counter(out, "tapline_sink_errors_total", "Sink writes that failed (destination unavailable).", s.writeFailures());
        gauge(out, "tapline_sink_queue_depth", "Records waiting in the sink queue.", s.queueDepth());
        gauge(out, "tapline_sink_spool_bytes", "Bytes in the disk spool.", s.spoolBytes());
        if (indexer != null) {
            counter(out, "tapline_store_bulk_requests_total", "Bulk requests sent to Elasticsearch.", indexer.stats().requests());
            counter(out, "tapline_store_retried_requests_total", "Bulk requests retried.", indexer.stats().retriedRequests());
        }
    }

    @Override
    public void close() {
        server.close();   // no new records
        watcher.close();
        pipeline.close(); // drains to the destination, or to the spool
    }
}
