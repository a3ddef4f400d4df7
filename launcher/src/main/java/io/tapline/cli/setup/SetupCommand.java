package io.tapline.cli.setup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tapline setup}: installs the index template and ILM policy, and Tapline's Kibana saved objects when
 * Kibana's URL is given. Idempotent: a second run changes nothing and says so.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Install Tapline's index template and ILM policy into Elasticsearch (the embedded node under the"
                + " data directory unless TAPLINE_ES_URL is set) and, with --kibana-url, its Kibana data view,"
                + " searches, visualisations and dashboard. Safe to run again: it prints what it created, updated or"
                + " left alone.",
                "Passwords and API keys are read from the environment only (TAPLINE_ES_PASSWORD, TAPLINE_ES_API_KEY,"
                        + " TAPLINE_KIBANA_PASSWORD, TAPLINE_KIBANA_API_KEY), never from the command line."})
public final class SetupCommand implements Callable<Integer> {

    @Option(names = "--es-url", description = "Elasticsearch URL(s), comma-separated (TAPLINE_ES_URL; default: the embedded node).")
    String esUrl;

    @Option(names = "--es-user", description = "Elasticsearch user (TAPLINE_ES_USER; password in TAPLINE_ES_PASSWORD).")
    String esUser;

    @Option(names = "--es-ca-cert", description = "PEM file of the CA of the cluster's certificate (TAPLINE_ES_CA_CERT).")
    String esCaCert;

    @Option(names = "--data-dir", description = "Data directory of the embedded node (TAPLINE_DATA_DIR, default ./tapline-data).")
    String dataDir;

    @Option(names = "--retention", description = "How long records are kept, e.g. 7d (TAPLINE_RETENTION, default 30d).")
    String retention;

    @Option(names = "--data-stream", description = "Install the template for data streams instead of daily indices"
            + " (needs a cluster with data streams; exits non-zero without changing anything otherwise).")
    boolean dataStream;

    @Option(names = "--kibana-url", description = "Kibana base URL, e.g. http://kibana:5601 (TAPLINE_KIBANA_URL); imports the saved objects.")
    String kibanaUrl;

    @Option(names = "--kibana-space", description = "Kibana space id to import into (TAPLINE_KIBANA_SPACE; default: the default space).")
    String kibanaSpace;

    @Option(names = "--kibana-user", description = "Kibana user (TAPLINE_KIBANA_USER, password in TAPLINE_KIBANA_PASSWORD;"
            + " default: the Elasticsearch credentials).")
    String kibanaUser;

    @Option(names = "--kibana-ca-cert", description = "PEM file of the CA of Kibana's certificate (TAPLINE_KIBANA_CA_CERT;"
            + " default: TAPLINE_ES_CA_CERT).")
    String kibanaCaCert;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>(System.getenv());
        override(env, "TAPLINE_ES_URL", esUrl);
        override(env, "TAPLINE_ES_USER", esUser);
        override(env, "TAPLINE_ES_CA_CERT", esCaCert);
        override(env, "TAPLINE_DATA_DIR", dataDir);
        override(env, "TAPLINE_RETENTION", retention);
        override(env, "TAPLINE_KIBANA_URL", kibanaUrl);
        override(env, "TAPLINE_KIBANA_SPACE", kibanaSpace);
        override(env, "TAPLINE_KIBANA_USER", kibanaUser);
        override(env, "TAPLINE_KIBANA_CA_CERT", kibanaCaCert);
        SetupConfig config = SetupConfig.fromEnvironment(env, dataStream);
        new Setup(config, System.out).run();
        return 0;
    }

    private static void override(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
