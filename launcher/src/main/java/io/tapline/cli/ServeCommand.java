package io.tapline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tapline serve}: everything in one process. Without {@code TAPLINE_ES_URL} an embedded Elasticsearch
 * node keeps its data under {@code ./tapline-data}. Runs until Ctrl-C or SIGTERM, then stops cleanly.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run Tapline in one process: Elasticsearch (embedded unless TAPLINE_ES_URL is set) and the API.",
                "Configuration comes from TAPLINE_* environment variables; the options below override them."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Data directory (TAPLINE_DATA_DIR, default ./tapline-data).")
    String dataDir;

    @Option(names = "--api-port", description = "Tenant API port (TAPLINE_API_PORT, default 3000; 0 = any free port).")
    Integer apiPort;

    @Option(names = "--admin-port", description = "Admin API port (TAPLINE_ADMIN_PORT, default 3001; 0 = any free port).")
    Integer adminPort;

    @Option(names = "--demo", description = "Add a demo upstream, demo routes and steady demo traffic through the proxy.")
    boolean demo;

    @Option(names = "--proxy-port", description = "Capture proxy port (TAPLINE_PROXY_PORT, default 8080; 0 = any free port).")
    Integer proxyPort;

    @Option(names = "--routes", description = "Routes file of the capture proxy (TAPLINE_ROUTES).")
    String routes;

    @Option(names = "--es-url", description = "Use this Elasticsearch cluster instead of the embedded node (TAPLINE_ES_URL).")
    String esUrl;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        override(env, "TAPLINE_DATA_DIR", dataDir);
        override(env, "TAPLINE_API_PORT", apiPort);
        override(env, "TAPLINE_ADMIN_PORT", adminPort);
        override(env, "TAPLINE_ES_URL", esUrl);
        override(env, "TAPLINE_PROXY_PORT", proxyPort);
        override(env, "TAPLINE_ROUTES", routes);
        ServeConfig config;
        try {
            config = ServeConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }

        return runUntilStopped(config, demo, Parts.EVERYTHING);
    }

    /** Starts {@code parts} and blocks until Ctrl-C or SIGTERM has stopped them; shared by proxy and api. */
    static int runUntilStopped(ServeConfig config, boolean demo, Parts parts) throws InterruptedException {
        Serve serve = Serve.start(config, Tapline.version(), demo, System.out, parts);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("tapline: stopping");
            serve.close();
            System.out.println("tapline: stopped");
            System.out.flush();
            stopped.countDown();
        }, "tapline-shutdown"));
        stopped.await();
        return 0;
    }

    static void override(Map<String, String> env, String name, Object value) {
        if (value != null) {
            env.put(name, value.toString());
        }
    }
}
