package io.tapline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.auth.AdminKeyAuthenticator;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.auth.Credentials;
import io.tapline.api.auth.JwtAuthenticator;
import io.tapline.api.auth.JwtSettings;
import io.tapline.api.auth.JwtVerifier;
import io.tapline.api.auth.ListenerGate;
import io.tapline.api.auth.SniProjects;
import io.tapline.api.keys.ApiKeyAuthenticator;
import io.tapline.api.keys.ApiKeyStore;
import io.tapline.api.keys.ApiKeys;
import io.tapline.api.keys.ApiKeysEndpoint;
import io.tapline.api.keys.KeySecrets;
import io.tapline.api.feed.LiveFeed;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.api.limit.RateLimiter;
import io.tapline.api.limit.StreamSlots;
import io.tapline.api.stream.StreamHandler;
import io.tapline.api.stream.StreamHub;
import io.tapline.api.stream.StreamSettings;
import io.tapline.api.query.EntryRenderer;
import io.tapline.api.query.LogsHandler;
import io.tapline.api.query.QuerySettings;
import io.tapline.api.stats.AggregateRoutes;
import io.tapline.store.SearchStore;
import io.tapline.store.aggregate.AggregateStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The REST API over a {@link SearchStore}, served on two listeners: the tenant listener and the admin listener.
 * Built with {@link #builder()}, started once, closed once.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 16;
    private static final long MAX_REQUEST_BODY_BYTES = 64 * 1024;
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final SearchStore store;
    private final EntryRenderer renderer;
    private final String host;
    private final int tenantPort;
    private final int adminPort;
    private final Authenticator tenantAuthenticator;
    private final Authenticator adminAuthenticator;
    private final ApiKeys apiKeys;
    private final SSLContext tenantTls;
    private final String version;
    private final java.util.function.Supplier<String> metrics;
    private final LiveFeed liveFeed;
    private final RateLimitConfig rateLimits;
    private final StreamSettings streamSettings;
    private final QuerySettings querySettings;
    private final AggregateStore aggregates;

    private XnioWorker worker;
    private StreamHub streams;
    private Undertow tenant;
    private Undertow admin;
    private boolean started;

    private ApiServer(Builder b) {
        this.store = b.store;
        this.renderer = b.entryRenderer;
        this.host = b.host;
        this.tenantPort = b.tenantPort;
        this.adminPort = b.adminPort;
        this.apiKeys = b.apiKeyStore == null ? null
                : new ApiKeys(b.apiKeyStore, new KeySecrets(new SecureRandom()), b.apiKeyCacheTtl, Clock.systemUTC());
        // Every credential is resolved on both listeners; the gates then admit only the listener's own kind,
        // so that a credential at the wrong door is a clear 403 rather than an unexplained 401.
        Authenticator keys = new AdminKeyAuthenticator(b.adminToken)
                .or(apiKeys == null ? Authenticator.none() : new ApiKeyAuthenticator(apiKeys));
        Authenticator bearer = b.jwt == null ? Authenticator.none() : new JwtAuthenticator(new JwtVerifier(b.jwt));
        Authenticator credentials = Credentials.keyOrBearer(keys, bearer);
        this.tenantAuthenticator = ListenerGate.tenantListener(credentials.or(b.tenantAuthenticator), b.sniProjects);
        this.tenantTls = b.tenantTls;
        this.adminAuthenticator = ListenerGate.adminListener(credentials);
        this.version = b.version;
        this.metrics = b.metrics;
        this.liveFeed = b.liveFeed != null ? b.liveFeed : new RingFeed(RingFeed.DEFAULT_CAPACITY,
                SeqEpoch.fromClock(System::currentTimeMillis), b.entryRenderer, new ObjectMapper());
        this.rateLimits = b.rateLimits;
        this.streamSettings = b.streamSettings;
        this.querySettings = b.querySettings;
        this.aggregates = b.aggregates;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds both listeners. On failure nothing stays bound.
     *
     * @throws ApiStartException with a one-line message, e.g. when a port is already in use
     */
    public synchronized ApiServer start() {
        if (started) {
            throw new IllegalStateException("ApiServer can be started only once");
        }
        started = true;
        JsonResponses json = new JsonResponses();
        ApiKeysEndpoint keysEndpoint = apiKeys == null ? null : new ApiKeysEndpoint(apiKeys, json, new ObjectMapper());
        try {
            worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_NAME, "tapline-api")
                    .set(Options.WORKER_IO_THREADS, IO_THREADS)
                    .set(Options.WORKER_TASK_CORE_THREADS, WORKER_THREADS)
                    .set(Options.WORKER_TASK_MAX_THREADS, WORKER_THREADS)
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new ApiStartException("API worker threads could not start: " + ApiStartException.oneLine(e), e);
        }
        // One limiter, slot table and hub for both listeners: a principal's limits hold whichever port it uses.
        RateLimiter limiter = new RateLimiter(rateLimits);
        streams = new StreamHub(liveFeed, streamSettings);
        StreamHandler stream = new StreamHandler(streams, new StreamSlots(rateLimits.maxStreamsPerPrincipal()));
        LogsHandler logs = new LogsHandler(store, renderer, json, querySettings);
        AggregateRoutes counts = aggregates == null ? null : AggregateRoutes.of(aggregates, json, querySettings.clock());
        try {
            tenant = bind(Listener.TENANT, tenantPort, tenantTls,
                    Endpoints.rootHandler(tenantAuthenticator, store, logs, version, json, null,
                            keysEndpoint, limiter, stream, counts));
            admin = bind(Listener.ADMIN, adminPort, null,
                    Endpoints.rootHandler(adminAuthenticator, store, logs, version, json, metrics,
                            keysEndpoint, limiter, stream, counts));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("API tenant listener on {}:{}, admin listener on {}:{}", host, tenantAddress().getPort(),
                host, adminAddress().getPort());
        return this;
    }

    private Undertow bind(Listener listener, int port, SSLContext tls, HttpHandler root) {
        Undertow.Builder builder = Undertow.builder()
                .setWorker(worker)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_REQUEST_BODY_BYTES)
                // Decoding is QueryParameters' job, so that a malformed escape gets the API's error body.
                .setServerOption(UndertowOptions.DECODE_URL, false);
        if (tls == null) {
            builder.addHttpListener(port, host, root);
        } else {
            builder.addHttpsListener(port, host, tls, root);
        }
        Undertow server = builder.build();
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            throw ApiStartException.bindFailure(listener, host, port, e);
        }
    }

    /** Where the tenant listener is bound (the actual port when 0 was configured). */
    public synchronized InetSocketAddress tenantAddress() {
        return addressOf(tenant, Listener.TENANT);
    }

    /** Where the admin listener is bound (the actual port when 0 was configured). */
    public synchronized InetSocketAddress adminAddress() {
        return addressOf(admin, Listener.ADMIN);
    }

    private static InetSocketAddress addressOf(Undertow server, Listener listener) {
        if (server == null) {
            throw new IllegalStateException("the " + listener.label() + " listener is not running");
        }
        return (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    }

    /** Stops both listeners and the worker threads; idempotent. */
    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close();
            streams = null;
        }
        stop(admin, Listener.ADMIN);
        admin = null;
        stop(tenant, Listener.TENANT);
        tenant = null;
        if (worker != null) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    private static void stop(Undertow server, Listener listener) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (RuntimeException e) {
            log.warn("stopping the API {} listener failed", listener.label(), e);
        }
    }

    /** Configures an {@link ApiServer}; {@link #build()} checks that the configuration is complete and sane. */
    public static final class Builder {
        private SearchStore store;
        private EntryRenderer entryRenderer;
        private String host = "127.0.0.1";
        private int tenantPort = 3000;
        private int adminPort = 3001;
        private String adminToken;
        private Authenticator tenantAuthenticator = Authenticator.none();
        private JwtSettings jwt;
        private ApiKeyStore apiKeyStore;
        private Duration apiKeyCacheTtl = ApiKeys.DEFAULT_CACHE_TTL;
        private SSLContext tenantTls;
        private SniProjects sniProjects = SniProjects.none();
        private String version = defaultVersion();
        private java.util.function.Supplier<String> metrics = () -> "";
        private LiveFeed liveFeed;
        private RateLimitConfig rateLimits = RateLimitConfig.defaults();
        private StreamSettings streamSettings = StreamSettings.defaults();
        private QuerySettings querySettings = QuerySettings.defaults();
        private AggregateStore aggregates;

        private Builder() {
        }

        /** Where logs are searched. Required. */
        public Builder store(SearchStore store) {
            this.store = store;
            return this;
        }

        /** Renders records as seed-004 entries, in production {@code ApiCodec::toEntry}. Required. */
        public Builder entryRenderer(EntryRenderer entryRenderer) {
            this.entryRenderer = entryRenderer;
            return this;
        }

        /** Interface both listeners bind; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Tenant listener port; default 3000, 0 picks a free port. */
        public Builder tenantPort(int tenantPort) {
            this.tenantPort = tenantPort;
            return this;
        }

        /** Admin listener port; default 3001, 0 picks a free port. */
        public Builder adminPort(int adminPort) {
            this.adminPort = adminPort;
            return this;
        }

        /** The admin credential accepted as {@code X-API-Key} on the admin listener only. Required. */
        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        /**
         * An extra authenticator tried on the tenant listener after API keys and bearer tokens; default none.
         * Whatever it resolves must be a tenant (an admin principal there is refused with 403).
         */
        public Builder tenantAuthenticator(Authenticator tenantAuthenticator) {
            this.tenantAuthenticator = tenantAuthenticator;
            return this;
        }

        /** Accept bearer JWTs verified with these settings on both listeners; default: no JWTs. */
        public Builder jwt(JwtSettings jwt) {
            this.jwt = jwt;
            return this;
        }

        /**
         * Where API keys are kept; enables {@code X-API-Key: tpl_...} keys and the {@code /api/keys} endpoints.
         * Default: none, when only the admin token is accepted as {@code X-API-Key} and {@code /api/keys} is 404.
         */
        public Builder apiKeys(ApiKeyStore apiKeyStore) {
            this.apiKeyStore = apiKeyStore;
            return this;
        }

        /**
         * How long an API key lookup is cached; also how long a key revoked through another replica may still
         * work here. Default {@link ApiKeys#DEFAULT_CACHE_TTL}.
         */
        public Builder apiKeyCacheTtl(Duration apiKeyCacheTtl) {
            this.apiKeyCacheTtl = apiKeyCacheTtl;
            return this;
        }

        /** Serve the tenant listener over TLS with this context; default plain HTTP. */
        public Builder tenantTls(SSLContext tenantTls) {
            this.tenantTls = tenantTls;
            return this;
        }

        /**
         * SNI host to project map of the TLS tenant listener: a tenant connecting through a mapped host is
         * narrowed to that project (403 if its credential does not cover it). Needs {@link #tenantTls}.
         */
        public Builder sniProjects(SniProjects sniProjects) {
            this.sniProjects = sniProjects;
            return this;
        }

        /** Reported by {@code /api/version}; defaults to the jar's implementation version. */
        /** Prometheus text served at {@code /metrics} on the admin listener. */
        public Builder metrics(java.util.function.Supplier<String> metrics) {
            this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * What {@code /_logs/stream} tails, filled by the in-process publisher or the Elasticsearch tail follower.
         * Default: a feed of its own with a clock-based ringSeq start, which nothing publishes into.
         */
        public Builder liveFeed(LiveFeed liveFeed) {
            this.liveFeed = liveFeed;
            return this;
        }

        /** Rate limits per principal and endpoint group, and the concurrent-stream cap; default the README's. */
        public Builder rateLimits(RateLimitConfig rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /** Heartbeat interval and per-subscriber queue bound of the SSE streams; default 15 s and 1,024. */
        public Builder streamSettings(StreamSettings streamSettings) {
            this.streamSettings = streamSettings;
            return this;
        }

        /**
         * The logs query's settle window, admin fanout switch ({@code LOGS_ADMIN_FANOUT}) and cursor key, snapshot
         * keep-alives and export page size; default {@link QuerySettings#defaults()} (fanout off).
         */
        public Builder querySettings(QuerySettings querySettings) {
            this.querySettings = querySettings;
            return this;
        }

        /**
         * Where {@code /_logs/stats}, {@code /_logs/histogram}, {@code /_logs/containers} and {@code /_logs/services}
         * count; default none, when those four paths are 404.
         */
        public Builder aggregates(AggregateStore aggregates) {
            this.aggregates = aggregates;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or invalid */
        public ApiServer build() {
            require(store != null, "store is required");
            require(entryRenderer != null, "entryRenderer is required");
            require(adminToken != null && !adminToken.isBlank(), "adminToken is required");
            require(host != null && !host.isBlank(), "host must not be blank");
            require(validPort(tenantPort), "tenantPort must be between 0 and 65535");
            require(validPort(adminPort), "adminPort must be between 0 and 65535");
            require(tenantPort == 0 || tenantPort != adminPort, "tenantPort and adminPort must differ");
            require(tenantAuthenticator != null, "tenantAuthenticator must not be null");
            require(apiKeyCacheTtl != null && !apiKeyCacheTtl.isNegative(), "apiKeyCacheTtl must not be negative");
            require(sniProjects != null, "sniProjects must not be null");
            require(sniProjects.isEmpty() || tenantTls != null,
                    "TAPLINE_API_SNI_PROJECTS needs TLS on the tenant listener (TAPLINE_API_TLS_KEYSTORE)");
            require(version != null && !version.isBlank(), "version must not be blank");
            require(rateLimits != null, "rateLimits must not be null");
            require(streamSettings != null, "streamSettings must not be null");
            require(querySettings != null, "querySettings must not be null");
            return new ApiServer(this);
        }

        private static boolean validPort(int port) {
            return port >= 0 && port <= 65535;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        private static String defaultVersion() {
            String v = ApiServer.class.getPackage().getImplementationVersion();
            return Objects.requireNonNullElse(v, "dev");
        }
    }
}
