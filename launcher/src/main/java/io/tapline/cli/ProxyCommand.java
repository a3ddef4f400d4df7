package io.tapline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tapline proxy}: only the capture proxy, for deployments that run it apart from the API (several proxies,
 * one API). Its records go to the configured sink; Elasticsearch is used only by the direct sink.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run only the capture proxy: routes from TAPLINE_ROUTES, records to the sink (TAPLINE_SINK).",
                "With the direct sink it stores into Elasticsearch (TAPLINE_ES_URL, else an embedded node); the",
                "logstash and file sinks need no Elasticsearch. Run tapline api (or serve) to query the records.",
                "Configuration comes from TAPLINE_* environment variables; the options below override them."})
final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--routes", description = "Routes file (TAPLINE_ROUTES); required unless --demo.")
    String routes;

    @Option(names = "--proxy-port", description = "Proxy port (TAPLINE_PROXY_PORT, default 8080; 0 = any free port).")
    Integer proxyPort;

    @Option(names = "--admin-port", description = "Port of GET /metrics (TAPLINE_ADMIN_PORT, default 3001; 0 = any free port).")
    Integer adminPort;

    @Option(names = "--demo", description = "Add a demo upstream, demo routes and steady demo traffic.")
    boolean demo;

    @Option(names = "--data-dir", description = "Data directory: spool, embedded node (TAPLINE_DATA_DIR, default ./tapline-data).")
    String dataDir;

    @Option(names = "--es-url", description = "Elasticsearch for the direct sink (TAPLINE_ES_URL).")
    String esUrl;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        ServeCommand.override(env, "TAPLINE_ROUTES", routes);
        ServeCommand.override(env, "TAPLINE_PROXY_PORT", proxyPort);
        ServeCommand.override(env, "TAPLINE_ADMIN_PORT", adminPort);
        ServeCommand.override(env, "TAPLINE_DATA_DIR", dataDir);
        ServeCommand.override(env, "TAPLINE_ES_URL", esUrl);
        return ServeCommand.runUntilStopped(config(env), demo, Parts.PROXY_ONLY);
    }

    static ServeConfig config(Map<String, String> env) {
        try {
            return ServeConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
