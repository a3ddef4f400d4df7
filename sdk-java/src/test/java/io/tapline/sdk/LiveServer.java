package io.tapline.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tapline.api.ApiServer;
import io.tapline.api.auth.JwtSettings;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.api.query.QuerySettings;
import io.tapline.api.stream.StreamSettings;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import io.tapline.store.aggregate.ElasticsearchAggregates;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The real API server for the SDK's tests: {@link ApiServer} over the embedded Elasticsearch node, on free
 * loopback ports, accepting the admin token and HS256 JWTs signed with {@link #JWT_SECRET}, its live tail fed
 * from a {@link RingFeed} the test publishes into.
 */
final class LiveServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "sdk-test-admin-token-5c1d9e";
    static final String JWT_SECRET = "sdk-test-hs256-secret-0123456789abcdef!";

    final ElasticsearchConnection connection;
    final ElasticsearchStore store;
    final RingFeed feed;
    final ApiServer api;
    private final boolean ownsConnection;

    private LiveServer(ElasticsearchConnection connection, boolean ownsConnection, RingFeed feed,
                       RateLimitConfig limits, StreamSettings stream, QuerySettings query) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.store = new ElasticsearchStore(connection);
        this.feed = feed;
        this.api = ApiServer.builder()
                .store(store)
                .entryRenderer(ApiCodec::toEntry)
                .tenantPort(0)
                .adminPort(0)
                .adminToken(ADMIN_TOKEN)
                .jwt(JwtSettings.builder().secret(JWT_SECRET).build())
                .liveFeed(feed)
                .rateLimits(limits)
                .streamSettings(stream)
                .querySettings(query)
                .aggregates(new ElasticsearchAggregates(connection))
                .version("sdk-test")
                .build()
                .start();
    }

    /** A server with generous limits and seed 004's stream settings. */
    static LiveServer start(URI es) {
        return start(es, generousLimits(), StreamSettings.defaults());
    }

    static LiveServer start(URI es, RateLimitConfig limits, StreamSettings stream) {
        return start(es, limits, stream, settledAtOnce().build());
    }

    static LiveServer start(URI es, RateLimitConfig limits, StreamSettings stream, QuerySettings query) {
        ObjectMapper mapper = new ObjectMapper();
        ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        return new LiveServer(connection, true, newFeed(), limits, stream, query);
    }

    /**
     * Query settings without the afterId settle window: the tests index and refresh before they query, so a
     * record is searchable the moment it exists (production keeps the 5 s window for in-flight records).
     */
    static QuerySettings.Builder settledAtOnce() {
        return QuerySettings.builder().settleWindow(Duration.ZERO);
    }

    /** A new server process stand-in: new ports, a new feed whose ringSeq starts past this one's. */
    LiveServer restartedWithNewFeed(StreamSettings stream) {
        return new LiveServer(connection, false, newFeed(), generousLimits(), stream, settledAtOnce().build());
    }

    static RingFeed newFeed() {
        return new RingFeed(RingFeed.DEFAULT_CAPACITY, SeqEpoch.fromClock(System::currentTimeMillis),
                ApiCodec::toEntry, new ObjectMapper());
    }

    static RateLimitConfig generousLimits() {
        return RateLimitConfig.defaults()
                .with(io.tapline.api.limit.EndpointGroup.SEARCH, io.tapline.api.limit.RateLimit.perMinute(100_000))
                .with(io.tapline.api.limit.EndpointGroup.STREAM, io.tapline.api.limit.RateLimit.perMinute(10_000))
                .withMaxStreams(1_000);
    }

    /** Stores {@code records} and makes them searchable. */
    void index(List<LogRecord> records) {
        BulkResult result = new BulkIndexer(connection, new ObjectMapper()).index(records);
        if (!result.rejected().isEmpty() || result.indexed() != records.size()) {
            throw new IllegalStateException("indexing failed: " + result);
        }
        store.refresh();
    }

    String adminUrl() {
        return url(api.adminAddress());
    }

    String tenantUrl() {
        return url(api.tenantAddress());
    }

    static String url(InetSocketAddress a) {
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    TaplineClient admin() {
        return TaplineClient.builder().baseUrl(adminUrl()).apiKey(ADMIN_TOKEN).requestTimeout(Duration.ofSeconds(30))
                .build();
    }

    TaplineClient tenant(String subject, String... projects) {
        return TaplineClient.builder().baseUrl(tenantUrl()).bearerToken(tenantToken(subject, projects)).build();
    }

    /** A real HS256 tenant JWT this server accepts. */
    static String tenantToken(String subject, String... projects) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).audience("tapline")
                .claim("role", "tenant").claim("projects", List.of(projects))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        api.close();
        if (ownsConnection) {
            connection.close();
        }
    }
}
