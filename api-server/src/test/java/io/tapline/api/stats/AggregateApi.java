package io.tapline.api.stats;

import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.aggregate.ElasticsearchAggregates;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture of the counting endpoints' tests: the {@link AggregateDataset} on the embedded node, an API over
 * it with the real {@link ElasticsearchAggregates}, callers (the admin key, tenant A's and tenant B's JWTs) and
 * {@link DirectCounts} for the independent numbers. The stats limit is lifted here; its own test sets one.
 */
public final class AggregateApi implements AutoCloseable {

    public static final String STATS = "/api/proxy-logs/_logs/stats";
    public static final String HISTOGRAM = "/api/proxy-logs/_logs/histogram";
    public static final String CONTAINERS = "/api/proxy-logs/_logs/containers";
    public static final String SERVICES = "/api/proxy-logs/_logs/services";

    public final ElasticsearchConnection connection;
    public final AggregateDataset data;
    public final DirectCounts direct;
    public final LiveApi api;

    private AggregateApi(URI es, RateLimitConfig limits) {
        connection = LiveApi.connect(es);
        data = AggregateDataset.generate().index(connection);
        direct = new DirectCounts(connection);
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .aggregates(new ElasticsearchAggregates(connection)).rateLimits(limits));
    }

    public static AggregateApi start(URI es) {
        return new AggregateApi(es, RateLimitConfig.defaults().with(EndpointGroup.STATS, RateLimit.perMinute(1_000_000)));
    }

    public static AggregateApi start(URI es, RateLimitConfig limits) {
        return new AggregateApi(es, limits);
    }

    /** As the admin, on the admin listener. */
    public HttpResponse<String> admin(String pathAndQuery) {
        return api.admin(pathAndQuery, "X-API-Key", RunningApi.ADMIN_TOKEN);
    }

    /** As tenant A (agga_one, agga_two), on the tenant listener; a fresh token each time, so none expires. */
    public HttpResponse<String> tenantA(String pathAndQuery) {
        return api.tenant(pathAndQuery, TestTokens.bearer(TestTokens.tenant("tenant-a", AggregateDataset.TENANT_A
                .toArray(String[]::new))));
    }

    /** As tenant B (aggb_secret), on the tenant listener. */
    public HttpResponse<String> tenantB(String pathAndQuery) {
        return api.tenant(pathAndQuery, TestTokens.bearer(TestTokens.tenant("tenant-b", AggregateDataset.B_PROJECT)));
    }

    /** The 200 body of {@code response} as a JSON object. */
    public static Map<String, Object> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return RunningApi.json(response);
    }

    /** Asserts seed 004's error body for a 400 and returns its message. */
    public static String badRequest(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(400);
        Map<String, Object> body = RunningApi.json(response);
        assertThat(body.keySet()).containsExactly("statusCode", "error", "message");
        assertThat(body).containsEntry("statusCode", 400).containsEntry("error", "Bad Request");
        return (String) body.get("message");
    }

    @Override
    public void close() {
        api.close();
        connection.close();
    }
}
