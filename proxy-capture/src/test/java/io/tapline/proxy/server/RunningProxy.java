package io.tapline.proxy.server;

import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.routing.ProxyConfig;
import io.tapline.proxy.routing.RoutesFile;
import io.tapline.schema.IdGenerator;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * A {@link ProxyServer} on a free loopback port with a routes file given as YAML and a recording sink. Its transport
 * is {@link #TRANSPORT}: the module's tests run once with the default (native epoll where it loads) and the
 * end-to-end ITs once more on Java NIO (the {@code nio-transport} execution in the pom).
 */
final class RunningProxy implements AutoCloseable {
    /** {@code tapline.test.proxy.transport}: auto (default), epoll or nio. */
    static final ProxyTransport.Choice TRANSPORT =
            ProxyTransport.Choice.parse(System.getProperty("tapline.test.proxy.transport", "auto"));

    final RecordingSink sink = new RecordingSink();
    final ProxyServer server;
    volatile ProxySnapshot snapshot;

    RunningProxy(String routesYaml, UnaryOperator<ProxyServer.Builder> tune) {
        ProxyConfig config = RoutesFile.parse(routesYaml, "test-routes.yaml");
        snapshot = ProxySnapshot.of(config);
        server = tune.apply(ProxyServer.builder().port(0).snapshots(() -> snapshot).sink(sink)
                .records(new RecordFactory(new IdGenerator(1), System::currentTimeMillis)).tls(config.tls())
                .transport(TRANSPORT)).build().start();
        if (TRANSPORT != ProxyTransport.Choice.AUTO && !server.transport().equals(TRANSPORT.name().toLowerCase())) {
            server.close();
            throw new IllegalStateException("asked for " + TRANSPORT + ", runs " + server.transport());
        }
    }

    RunningProxy(String routesYaml) {
        this(routesYaml, b -> b);
    }

    /** One route named {@code api} to {@code upstream}, with body capture on. */
    static String singleRoute(URI upstream, String extra) {
        return """
                routes:
                  - name: api
                    upstreams: [%s]
                    projectId: proj_a
                    containerId: cnt_a
                    serviceName: user-api
                    capture: { requestBody: true, responseBody: true, maxBodyBytes: 1024 }
                    timeouts: { connectMs: 1000, responseMs: 1500 }
                %s""".formatted(upstream, extra);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    int port() {
        return server.address().getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
