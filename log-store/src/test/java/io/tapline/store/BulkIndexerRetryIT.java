package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedElasticsearchExtension.class)
class BulkIndexerRetryIT {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void wholeRequestsAnswered429Or503AreRetriedUntilStored(URI es) throws Exception {
        for (int status : new int[]{429, 503}) {
            String project = "proj_retry_" + status;
            try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
                 ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(proxy.uri()), mapper)) {
                new SchemaInstaller(conn, mapper, "30d").install();
                proxy.failStatus = status;
                proxy.failRequests.set(2);
                BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 100, 1 << 20);
                BulkResult result = indexer.index(TestRecords.generate(250, 1_600_000_000_000L, 1, project));
                assertThat(result.indexed()).isEqualTo(250);
                assertThat(result.rejected()).isEmpty();
                assertThat(indexer.stats().retriedRequests()).isEqualTo(2);
                assertThat(countOf(es, project)).isEqualTo(250);
            }
        }
    }

    @Test
    void itemsAnswered429AreRetriedAloneAndStoredExactlyOnce(URI es) throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(proxy.uri()), mapper)) {
            proxy.throttleFirstItemOnce.set(1);
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 1000, 1 << 20);
            BulkResult result = indexer.index(TestRecords.generate(40, 1_600_100_000_000L, 1, "proj_item_retry"));
            assertThat(result.indexed()).isEqualTo(40);
            assertThat(indexer.stats().retriedItems()).isEqualTo(1);
            assertThat(proxy.bulkRequests.get()).isEqualTo(2);
            assertThat(countOf(es, "proj_item_retry")).isEqualTo(40);
        }
    }

    @Test
    void anUnreachableClusterHandsBackEveryUnstoredRecord() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(
                StoreConfig.of(URI.create("http://127.0.0.1:" + deadPort)), mapper)) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 10, 1 << 20);
            List<LogRecord> records = TestRecords.generate(35, 1_600_200_000_000L, 1, "proj_dead");
            assertThatThrownBy(() -> indexer.index(records))
                    .isInstanceOfSatisfying(BulkIncompleteException.class,
                            e -> assertThat(e.notStored()).containsExactlyElementsOf(records));
        }
    }

    @Test
    void aClusterThatStaysOverloadedHandsBackTheRestAfterTheFirstBatches(URI es) throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(proxy.uri()), mapper)) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 10, 1 << 20);
            List<LogRecord> records = TestRecords.generate(30, 1_600_300_000_000L, 1, "proj_overloaded");
            // the first batch of 10 goes through, then every request is refused
            proxy.failRequests.set(0);
            BulkResult first = indexer.index(records.subList(0, 10));
            assertThat(first.indexed()).isEqualTo(10);
            proxy.failRequests.set(1_000);
            assertThatThrownBy(() -> indexer.index(records.subList(10, 30)))
                    .isInstanceOfSatisfying(BulkIncompleteException.class,
                            e -> assertThat(e.notStored()).containsExactlyElementsOf(records.subList(10, 30)));
        }
    }

    private long countOf(URI es, String project) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            ElasticsearchStore store = new ElasticsearchStore(conn);
            store.refresh();
            return store.search(new LogQuery(Set.of(project), 1, 0)).total();
        }
    }
}
