package io.tapline.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.InMemorySearchStore;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.auth.Principal;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ApiServer} on free loopback ports whose stream tails a {@link RingFeed} the test publishes into,
 * rendering entries with the production {@code ApiCodec::toEntry}. Tenants come from {@code X-Test-Tenant}:
 * {@code alice} reads project a1, {@code bob} reads b1.
 */
final class StreamFixture implements AutoCloseable {

    static final String STREAM = "/api/proxy-logs/_logs/stream";
    static final String ADMIN_TOKEN = "stream-admin-token-3b7e";

    static final Authenticator TEST_TENANTS = exchange -> {
        String who = exchange.getRequestHeaders().getFirst("X-Test-Tenant");
        if ("alice".equals(who)) {
            return Optional.of(Principal.tenant("alice", Set.of("a1")));
        }
        if ("bob".equals(who)) {
            return Optional.of(Principal.tenant("bob", Set.of("b1")));
        }
        return Optional.empty();
    };

    final RingFeed feed;
    final ApiServer server;

    StreamFixture(RingFeed feed, StreamSettings settings, RateLimitConfig limits) {
        this.feed = feed;
        this.server = ApiServer.builder()
                .store(new InMemorySearchStore())
                .entryRenderer(ApiCodec::toEntry)
                .tenantPort(0)
                .adminPort(0)
                .adminToken(ADMIN_TOKEN)
                .tenantAuthenticator(TEST_TENANTS)
                .liveFeed(feed)
                .streamSettings(settings)
                .rateLimits(limits)
                .build()
                .start();
    }

    /** A ring of {@code capacity} with a clock-based ringSeq start, heartbeats every {@code heartbeat}. */
    static StreamFixture start(int capacity, Duration heartbeat, int queueCapacity) {
        return new StreamFixture(feed(capacity, SeqEpoch.fromClock(System::currentTimeMillis)),
                new StreamSettings(heartbeat, queueCapacity), generousLimits());
    }

    static StreamFixture start() {
        return start(RingFeed.DEFAULT_CAPACITY, Duration.ofSeconds(15), StreamSettings.DEFAULT_QUEUE_CAPACITY);
    }

    static RingFeed feed(int capacity, SeqEpoch epoch) {
        return new RingFeed(capacity, epoch, ApiCodec::toEntry, new ObjectMapper());
    }

    static RateLimitConfig generousLimits() {
        return RateLimitConfig.defaults()
                .with(io.tapline.api.limit.EndpointGroup.STREAM, io.tapline.api.limit.RateLimit.perMinute(10_000))
                .withMaxStreams(1_000);
    }

    SseClient admin(String query, String... headers) throws Exception {
        return SseClient.open(server.adminAddress(), STREAM + query, withHeader(headers, "X-API-Key", ADMIN_TOKEN));
    }

    SseClient tenant(String who, String query, String... headers) throws Exception {
        return SseClient.open(server.tenantAddress(), STREAM + query, withHeader(headers, "X-Test-Tenant", who));
    }

    private static String[] withHeader(String[] headers, String name, String value) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }

    /** A request record {@code id} of {@code project}/{@code container}. */
    static LogRecord record(long id, String project, String container) {
        return LogRecord.builder().id(id).traceId("t-" + id).tsMs(1_718_201_234_000L + id).kind(Kind.REQUEST)
                .level(Level.INFO).projectId(project).containerId(container).serviceName("svc-" + project)
                .method("GET").url("/v1/items/" + id).source(Source.BACKEND).build();
    }

    /** The proxy's event for a container removed from its routes. */
    static LogRecord scopeDestroyed(long id, String project, String container) {
        return LogRecord.builder().id(id).tsMs(1_718_201_234_000L + id).kind(Kind.EVENT).level(Level.WARN)
                .projectId(project).containerId(container).action(RingFeed.SCOPE_DESTROYED_ACTION)
                .message("container " + container + " was removed from the proxy configuration").build();
    }

    /** Waits until the server has registered {@code n} subscribers (a connect returns before that is certain). */
    void awaitSubscribers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (feed.subscribers() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " subscribers, have " + feed.subscribers());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
