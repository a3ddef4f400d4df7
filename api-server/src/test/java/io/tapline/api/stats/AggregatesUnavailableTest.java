package io.tapline.api.stats;

import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.aggregate.ElasticsearchAggregates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** With Elasticsearch unreachable, the counting endpoints answer 503 in the seed's error shape, never a 500. */
class AggregatesUnavailableTest {

    private final ElasticsearchConnection connection = LiveApi.connect(URI.create("http://127.0.0.1:" + freePort()));
    private final LiveApi api = LiveApi.start(connection, b -> b.aggregates(new ElasticsearchAggregates(connection)));

    @AfterEach
    void stop() {
        api.close();
        connection.close();
    }

    /** A port nothing listens on: bound, then released. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCountingEndpointIsA503WhenElasticsearchDoesNotAnswer() {
        for (String path : List.of(AggregateApi.STATS, AggregateApi.HISTOGRAM, AggregateApi.CONTAINERS,
                AggregateApi.SERVICES)) {
            HttpResponse<String> response = api.admin(path, "X-API-Key", RunningApi.ADMIN_TOKEN);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(json(response)).isEqualTo(errorBody(503, "Service Unavailable", "Elasticsearch is unreachable"));
        }
    }

    @Test
    void withoutAnAggregateStoreTheCountingPathsDoNotExist() {
        try (LiveApi plain = LiveApi.start(connection, b -> b)) {
            HttpResponse<String> response = plain.admin(AggregateApi.STATS, "X-API-Key", RunningApi.ADMIN_TOKEN);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).keySet()).containsExactly("statusCode", "error", "message");
        }
    }
}
