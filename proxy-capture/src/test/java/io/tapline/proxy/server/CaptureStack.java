package io.tapline.proxy.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.routing.RoutesFile;
import io.tapline.enrich.Enricher;
import io.tapline.proxy.sink.DirectWriter;
import io.tapline.proxy.sink.EnrichedDocuments;
import io.tapline.proxy.sink.SinkPipeline;
import io.tapline.proxy.sink.SinkPipelineBuilder;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.LogQuery;
import io.tapline.store.RetryPolicy;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The whole capture path as {@code tapline serve} runs it: proxy → sink pipeline with a disk spool → direct
 * writer → enrichment → bulk indexer → a real Elasticsearch node at {@code esUri}.
 */
final class CaptureStack implements AutoCloseable {
    final ElasticsearchConnection connection;
    final SinkPipeline pipeline;
    final ProxyServer proxy;

    CaptureStack(URI esUri, String routesYaml, Path spoolDir) {
        this(esUri, routesYaml, spoolDir, b -> b);
    }

    /** As above, with the sink pipeline's settings changed by {@code tune} (e.g. a tiny batch: a slow sink). */
    CaptureStack(URI esUri, String routesYaml, Path spoolDir, UnaryOperator<SinkPipelineBuilder> tune) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(esUri), mapper);
        IdGenerator ids = new IdGenerator(7);
        RecordFactory records = new RecordFactory(ids, System::currentTimeMillis);
        BulkIndexer indexer = new BulkIndexer(connection, mapper, RetryPolicy.defaults(), 2_000, 8 << 20,
                new EnrichedDocuments(Enricher.withDefaults()::enrich));
        pipeline = tune.apply(SinkPipeline.builder(new DirectWriter(indexer))
                .spool(new DiskSpool(spoolDir, 256L * 1024 * 1024, 8L * 1024 * 1024))
                .retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .ids(ids).eventTemplate(() -> records.event(null, null, "records_dropped", Level.WARN, "", null)))
                .build();
        ProxySnapshot snapshot = ProxySnapshot.of(RoutesFile.parse(routesYaml, "e2e-routes.yaml"));
        proxy = ProxyServer.builder().port(0).snapshots(() -> snapshot).sink(pipeline).records(records)
                .transport(RunningProxy.TRANSPORT).build().start();
    }

    static void installSchema(URI esUri) {
        ObjectMapper mapper = new ObjectMapper();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(StoreConfig.of(esUri), mapper)) {
            new SchemaInstaller(c, mapper, "30d").install();
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxy.address().getPort() + pathAndQuery);
    }

    /** Every record of {@code project} stored so far, after the sink drained and the node refreshed. */
    static long storedCount(URI esUri, String project) {
        ObjectMapper mapper = new ObjectMapper();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(StoreConfig.of(esUri), mapper)) {
            ElasticsearchStore store = new ElasticsearchStore(c);
            store.refresh();
            return store.search(new LogQuery(Set.of(project), 1, 0)).total();
        }
    }

    static boolean isExchangeRecord(io.tapline.schema.LogRecord r) {
        return r.kind() == Kind.REQUEST || r.kind() == Kind.RESPONSE;
    }

    @Override
    public void close() {
        proxy.close();
        pipeline.close();
        connection.close();
    }
}
