package io.tapline.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.netty.util.ResourceLeakDetector;
import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.routing.ProxyConfig;
import io.tapline.proxy.sink.RecordSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The capture proxy: an HTTP/1.1 (optionally TLS with SNI) reverse proxy that streams every exchange to its
 * upstream and hands request, response and event records to a {@link RecordSink}. Built with
 * {@link #builder()}, started once, closed once.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** Request headers copied into request records unless configured otherwise (secrets are redacted). */
    public static final Set<String> DEFAULT_HEADER_ALLOW_LIST = Set.of("accept", "accept-encoding",
            "accept-language", "content-type", "content-length", "content-encoding", "host", "origin", "referer",
            "x-request-id", "traceparent", "x-forwarded-for", "x-forwarded-proto", "authorization", "cookie",
            "x-api-key");

    private final Builder b;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;
    private ProxyTransport transport;

    private ProxyServer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /** Binds the listener. Throws {@link ProxyStartException} with a one-line message on failure. */
    public synchronized ProxyServer start() {
        leakDetectionOffUnlessConfigured();
        Mapping<String, SslContext> tls = b.tls == null ? null : sslContexts(b.tls);
        transport = ProxyTransport.select(b.transport);
        String fallback = ProxyTransport.fallbackReason(b.transport, transport);
        if (fallback != null) {
            LOG.info("native epoll is not available ({}); the proxy runs on Java NIO", fallback);
        }
        ProxyContext ctx = new ProxyContext(b.snapshots, b.sink, b.records, new UpstreamPool(metrics, transport),
                metrics, b.headTimeoutMs, b.idleTimeoutMs, new HeaderAllowList(b.headerAllowList), tls != null);
        boss = transport.newGroup(1);
        workers = transport.newGroup(b.workerThreads);
        try {
            server = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ProxyInitializer(ctx, tls))
                    .bind(new InetSocketAddress(b.host, b.port)).sync().channel();
            LOG.info("proxy listening on {} with the {} transport, {} event loops", server.localAddress(),
                    transport.name(), b.workerThreads);
            return this;
        } catch (Exception e) {
            close();
            String why = e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                    ? "is already in use" : "cannot be bound: " + ErrorResponses.oneLine(e);
            throw new ProxyStartException("TAPLINE_PROXY_PORT: port " + b.port + " on " + b.host + " " + why, e);
        }
    }

    /** The transport the event loops run on ({@code epoll} or {@code nio}); set by {@link #start()}. */
    public String transport() {
        return transport.name();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            server = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Netty's buffer leak detector, on by default, samples allocations and wraps the sampled buffers: a random
     * draw per allocation, a touch per pipeline hop, and buffer call sites that see two classes instead of one.
     * The proxy's buffers are released on fixed paths covered by the tests (which keep the detector on through
     * the system property); in production it is off unless {@code io.netty.leakDetection.level} asks for it.
     */
    static void leakDetectionOffUnlessConfigured() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private static Mapping<String, SslContext> sslContexts(ProxyConfig.Tls tls) {
        try {
            SslContext fallback = SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile()).build();
            DomainWildcardMappingBuilder<SslContext> mapping = new DomainWildcardMappingBuilder<>(fallback);
            for (ProxyConfig.SniCert sni : tls.sni()) {
                mapping.add(sni.host(), SslContextBuilder.forServer(sni.certFile().toFile(), sni.keyFile().toFile()).build());
            }
            return mapping.build();
        } catch (Exception e) {
            throw new ProxyStartException("tls: cannot load the certificate or key: " + ErrorResponses.oneLine(e), e);
        }
    }

    /** Configures a proxy; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Supplier<ProxySnapshot> snapshots;
        private RecordSink sink;
        private RecordFactory records;
        private ProxyConfig.Tls tls;
        private long headTimeoutMs = 10_000;
        private long idleTimeoutMs = 60_000;
        private Set<String> headerAllowList = DEFAULT_HEADER_ALLOW_LIST;
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private ProxyTransport.Choice transport = ProxyTransport.Choice.AUTO;

        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder snapshots(Supplier<ProxySnapshot> v) { this.snapshots = v; return this; }
        public Builder sink(RecordSink v) { this.sink = v; return this; }
        public Builder records(RecordFactory v) { this.records = v; return this; }
        public Builder tls(ProxyConfig.Tls v) { this.tls = v; return this; }
        public Builder headTimeoutMs(long v) { this.headTimeoutMs = v; return this; }
        public Builder idleTimeoutMs(long v) { this.idleTimeoutMs = v; return this; }
        public Builder headerAllowList(Set<String> v) { this.headerAllowList = Set.copyOf(v); return this; }
        public Builder workerThreads(int v) { this.workerThreads = v; return this; }
        public Builder transport(ProxyTransport.Choice v) { this.transport = Objects.requireNonNull(v); return this; }

        public ProxyServer build() {
            Objects.requireNonNull(snapshots, "snapshots");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(records, "records");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535");
            }
            if (headTimeoutMs < 1 || idleTimeoutMs < 1 || workerThreads < 1) {
                throw new IllegalArgumentException("timeouts and workerThreads must be positive");
            }
            return new ProxyServer(this);
        }
    }
}
