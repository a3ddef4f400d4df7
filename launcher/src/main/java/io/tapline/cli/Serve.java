package io.tapline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.auth.JwtSettings;
import io.tapline.api.auth.JwtVerifier;
import io.tapline.api.keys.ElasticsearchApiKeyStore;
import io.tapline.api.tls.KeyStoreTls;
import io.tapline.cli.demo.DemoRoutes;
import io.tapline.cli.demo.DemoTraffic;
import io.tapline.cli.demo.DemoUpstream;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.schema.ApiCodec;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.aggregate.ElasticsearchAggregates;
import io.tapline.store.InstallReport;
import io.tapline.store.RetentionSweeper;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The composition root of {@code tapline serve}: Elasticsearch (embedded or external), the schema, the
 * store and the API, started in order and closed in reverse. Every failure a user can cause surfaces as a
 * {@link ConfigException} with a one-line message. {@code tapline proxy} and {@code tapline api} run a subset
 * ({@link Parts}): the proxy alone needs Elasticsearch only for the direct sink.
 */
final class Serve implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private ApiServer api;
    private CaptureProxy proxy;
    private String esDescription;

    static Serve start(ServeConfig config, String version, boolean demo, PrintStream out) {
        return start(config, version, demo, out, Parts.EVERYTHING);
    }

    static Serve start(ServeConfig config, String version, boolean demo, PrintStream out, Parts parts) {
        Serve serve = new Serve();
        try {
            serve.startAll(config, version, demo, out, parts);
            return serve;
        } catch (RuntimeException e) {
            serve.close();
            throw e;
        }
    }

    private void startAll(ServeConfig config, String version, boolean demo, PrintStream out, Parts parts) {
        Path dataDir = prepareDataDir(config.dataDir());
        if (parts.api()) {
            checkPortFree(config.host(), config.apiPort(), "TAPLINE_API_PORT");
        }
        // the proxy alone serves /metrics on the admin port too
        checkPortFree(config.host(), config.adminPort(), "TAPLINE_ADMIN_PORT");
        boolean withProxy = parts.proxy() && (demo || config.routesFile() != null);
        if (parts == Parts.PROXY_ONLY && !withProxy) {
            throw new ConfigException("TAPLINE_ROUTES: tapline proxy needs a routes file (--routes or TAPLINE_ROUTES), "
                    + "or --demo");
        }
        if (withProxy) {
            checkPortFree(config.host(), config.proxyPort(), "TAPLINE_PROXY_PORT");
        }
        if (withProxy && config.routesFile() != null && !Files.isReadable(config.routesFile())) {
            throw new ConfigException("TAPLINE_ROUTES: cannot read " + config.routesFile().toAbsolutePath());
        }
        if (parts.api() && config.apiPort() != 0 && config.apiPort() == config.adminPort()) {
            throw new ConfigException("TAPLINE_API_PORT and TAPLINE_ADMIN_PORT must differ (both " + config.apiPort() + ")");
        }
        AdminToken token = parts.api() ? AdminToken.resolve(config.adminToken(), dataDir) : null;
        // Key material is checked before the (slow) Elasticsearch start, so that a typo fails in a second.
        SSLContext tenantTls = !parts.api() || config.tenantTls() == null ? null : tenantTls(config.tenantTls());
        if (parts.api() && config.jwt() != null && config.jwt().jwksFile() != null) {
            checkJwksFile(config.jwt());
        }
        ElasticsearchConnection connection = null;
        if (parts.api() || withProxy && config.sink().mode() == SinkSettings.Mode.DIRECT) {
            connection = startElasticsearch(config, dataDir, out);
        }
        ObjectMapper mapper = new ObjectMapper();

        // The SSE tail's feed and the API's limits; pushed before the proxy so that it stops after the proxy drained.
        LiveFeedSetup live = parts.api() ? LiveFeedSetup.create(System.getenv(), dataDir, mapper) : null;
        if (live != null) {
            resources.push(live);
        }
        DemoUpstream demoUpstream = null;
        if (withProxy) {
            Path routes = config.routesFile();
            if (routes == null) {
                demoUpstream = DemoUpstream.start();
                resources.push(demoUpstream);
                routes = dataDir.resolve("demo-routes.yaml");
                DemoRoutes.write(routes, demoUpstream.uri());
                out.println("tapline: demo upstream   " + demoUpstream.uri() + " (routes in " + routes + ")");
            }
            proxy = CaptureProxy.start(routes, config.host(), config.proxyPort(), config.proxyTransport(),
                    config.sink(), dataDir, connection, mapper, config.nodeId(), out, live);
            resources.push(proxy);
        }
        if (parts.api()) {
            startApi(config, version, connection, mapper, live, token, tenantTls);
        }
        MetricsListener metricsOnly = parts.api() ? null : startMetrics(config);

        out.println("tapline: Elasticsearch   " + (connection == null
                ? "not used (the " + config.sink().describe() + " sink needs none)" : esDescription));
        if (proxy != null) {
            out.println("tapline: proxy           " + (proxy.tls() ? "https://" : "http://") + hostPort(proxy.address())
                    + "  (sink: " + config.sink().describe() + ", transport: " + proxy.transport() + ")");
        } else if (parts.proxy()) {
            out.println("tapline: proxy           off (set TAPLINE_ROUTES to a routes file, or run serve --demo)");
        } else {
            out.println("tapline: proxy           off (tapline api runs the API only; run tapline proxy for capture)");
        }
        if (parts.api()) {
            printApi(config, token, live, out);
        } else {
            out.println("tapline: API             off (tapline proxy runs the capture proxy only; run tapline api)");
            out.println("tapline: metrics         http://" + hostPort(metricsOnly.address()) + "/metrics");
        }
        if (demo && proxy != null) {
            resources.push(DemoTraffic.start(URI.create("http://" + hostPort(proxy.address()))));
            out.println("tapline: demo traffic    " + DemoTraffic.DEFAULT_RATE + " requests/s through the proxy");
        }
        out.println("tapline: ready");
        out.flush();
    }

    /** Starts (or connects to) Elasticsearch and installs the schema; the connection is closed with the rest. */
    private ElasticsearchConnection startElasticsearch(ServeConfig config, Path dataDir, PrintStream out) {
        StoreConfig storeConfig;
        if (config.embedded()) {
            out.println("tapline: starting the embedded Elasticsearch node under " + dataDir.resolve("elasticsearch"));
            EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(dataDir).heapMb(config.esHeapMb())
                    .niceness(config.esNice()).build().start();
            resources.push(node);
            storeConfig = StoreConfig.of(node.httpUri());
            esDescription = node.httpUri() + " (embedded, data in " + dataDir.resolve("elasticsearch") + ")";
        } else {
            storeConfig = config.storeConfig();
            esDescription = String.join(",", config.esUrls().stream().map(Object::toString).toList());
        }
        ObjectMapper mapper = new ObjectMapper();
        ElasticsearchConnection connection = ElasticsearchConnection.open(storeConfig, mapper);
        resources.push(connection);
        ElasticsearchStore store = new ElasticsearchStore(connection);
        if (!store.isAvailable()) {
            throw new ConfigException("Elasticsearch at " + esDescription + " is unreachable");
        }
        SchemaInstaller installer = new SchemaInstaller(connection, mapper, config.retention());
        InstallReport report = installer.install();
        report.steps().forEach(step -> out.println("tapline: " + step));
        if (!installer.hasIlm()) {
            scheduleRetention(connection, config.retention(), out);
        }
        return connection;
    }

    private void startApi(ServeConfig config, String version, ElasticsearchConnection connection, ObjectMapper mapper,
                          LiveFeedSetup live, AdminToken token, SSLContext tenantTls) {
        live.followElasticsearchUnlessTapped(connection);
        ApiServer.Builder apiBuilder = ApiServer.builder()
                .metrics(this::metrics)
                .store(new ElasticsearchStore(connection))
                .aggregates(new ElasticsearchAggregates(connection))
                .entryRenderer(ApiCodec::toEntry)
                .host(config.host())
                .tenantPort(config.apiPort())
                .adminPort(config.adminPort())
                .adminToken(token.value())
                .liveFeed(live.feed())
                .rateLimits(live.rateLimits())
                .apiKeys(new ElasticsearchApiKeyStore(connection, mapper))
                .jwt(config.jwt())
                .querySettings(config.query().settings(config.dataDir().toAbsolutePath().normalize()))
                .version(version);
        try {
            if (tenantTls != null) {
                apiBuilder.tenantTls(tenantTls).sniProjects(config.tenantTls().sniProjects());
            }
            api = apiBuilder.build();
        } catch (IllegalArgumentException e) {
            // e.g. TAPLINE_JWKS names a file that is missing or holds no key
            throw new ConfigException(e.getMessage());
        }
        api.start();
        resources.push(api);
    }

    /** {@code tapline proxy}: the admin port serves only {@code /metrics}. */
    private MetricsListener startMetrics(ServeConfig config) {
        try {
            MetricsListener listener = MetricsListener.start(
                    new InetSocketAddress(InetAddress.getByName(config.host()), config.adminPort()), this::metrics);
            resources.push(listener);
            return listener;
        } catch (IOException e) {
            throw new ConfigException("TAPLINE_ADMIN_PORT: cannot serve /metrics on " + config.host() + ":"
                    + config.adminPort() + ": " + e.getMessage());
        }
    }

    private void printApi(ServeConfig config, AdminToken token, LiveFeedSetup live, PrintStream out) {
        out.println("tapline: API (tenant)    " + (config.tenantTls() == null ? "http://" : "https://")
                + hostPort(api.tenantAddress())
                + (config.tenantTls() == null || config.tenantTls().sniProjects().isEmpty() ? ""
                : "  (SNI hosts scoped to projects: " + config.tenantTls().sniProjects().asMap() + ")"));
        out.println("tapline: API (admin)     http://" + hostPort(api.adminAddress()));
        if (token.file() == null) {
            out.println("tapline: admin token     from TAPLINE_ADMIN_TOKEN");
        } else if (token.generated()) {
            out.println("tapline: admin token     " + token.value() + "  (new; kept in " + token.file() + ")");
        } else {
            out.println("tapline: admin token     in " + token.file());
        }
        out.println("tapline: bearer tokens   " + describeJwt(config));
        out.println("tapline: metrics         http://" + hostPort(api.adminAddress()) + "/metrics");
        out.println("tapline: live tail       " + live.describe());
    }

    private static SSLContext tenantTls(TenantTls settings) {
        try {
            return KeyStoreTls.fromPkcs12(settings.keyStore(), settings.password());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void checkJwksFile(JwtSettings jwt) {
        try {
            new JwtVerifier(jwt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static String describeJwt(ServeConfig config) {
        if (config.jwt() == null) {
            return "off (set TAPLINE_JWT_SECRET or TAPLINE_JWKS); API keys via POST /api/keys";
        }
        StringBuilder sb = new StringBuilder();
        if (config.jwt().secret() != null) {
            sb.append("HS256 (TAPLINE_JWT_SECRET)");
        }
        Object jwks = config.jwt().jwksUrl() != null ? config.jwt().jwksUrl() : config.jwt().jwksFile();
        if (jwks != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("RS256/ES256 from ").append(jwks);
        }
        sb.append("; aud ").append(config.jwt().audience());
        if (config.jwt().issuer() != null) {
            sb.append(", iss ").append(config.jwt().issuer());
        }
        return sb.toString();
    }

    private String metrics() {
        StringBuilder sb = new StringBuilder();
        if (proxy != null) {
            proxy.renderMetrics(sb);
        }
        return sb.toString();
    }

    InetSocketAddress tenantAddress() {
        return api.tenantAddress();
    }

    InetSocketAddress adminAddress() {
        return api.adminAddress();
    }

    private void scheduleRetention(ElasticsearchConnection connection, String retention, PrintStream out) {
        RetentionSweeper sweeper = new RetentionSweeper(connection, RetentionSweeper.days(retention), Clock.systemUTC());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapline-retention");
            t.setDaemon(true);
            return t;
        });
        resources.push(timer::shutdownNow);
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweeper.sweep().forEach(index -> out.println("tapline: retention dropped index " + index));
            } catch (RuntimeException e) {
                out.println("tapline: retention sweep failed: " + e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
    }

    private static Path prepareDataDir(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("TAPLINE_DATA_DIR " + dir + " is not writable (cannot create it)");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("TAPLINE_DATA_DIR " + dir + " is not writable");
        }
        return dir;
    }

    private static void checkPortFree(String host, int port, String variable) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (java.net.UnknownHostException e) {
            throw new ConfigException("TAPLINE_BIND_HOST: unknown host " + host);
        } catch (IOException e) {
            throw new ConfigException(variable + ": port " + port + " on " + host + " is already in use");
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("tapline: error while stopping: " + e.getMessage());
            }
        }
    }
}
