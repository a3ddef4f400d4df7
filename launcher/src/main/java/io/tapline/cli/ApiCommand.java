package io.tapline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tapline api}: only the API, over the Elasticsearch that one or more {@code tapline proxy} processes (or
 * Logstash) fill; its live tail follows Elasticsearch.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Run only the API (tenant and admin listeners) over Elasticsearch.",
                "Elasticsearch is TAPLINE_ES_URL, else an embedded node; the live tail follows what proxies or",
                "Logstash store there.",
                "Configuration comes from TAPLINE_* environment variables; the options below override them."})
final class ApiCommand implements Callable<Integer> {

    @Option(names = "--api-port", description = "Tenant API port (TAPLINE_API_PORT, default 3000; 0 = any free port).")
    Integer apiPort;

    @Option(names = "--admin-port", description = "Admin API port (TAPLINE_ADMIN_PORT, default 3001; 0 = any free port).")
    Integer adminPort;

    @Option(names = "--data-dir", description = "Data directory: admin token, ringSeq state, embedded node (TAPLINE_DATA_DIR, default ./tapline-data).")
    String dataDir;

    @Option(names = "--es-url", description = "Use this Elasticsearch cluster instead of an embedded node (TAPLINE_ES_URL).")
    String esUrl;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        ServeCommand.override(env, "TAPLINE_API_PORT", apiPort);
        ServeCommand.override(env, "TAPLINE_ADMIN_PORT", adminPort);
        ServeCommand.override(env, "TAPLINE_DATA_DIR", dataDir);
        ServeCommand.override(env, "TAPLINE_ES_URL", esUrl);
        return ServeCommand.runUntilStopped(ProxyCommand.config(env), false, Parts.API_ONLY);
    }
}
