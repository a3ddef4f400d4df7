package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.kibana.KibanaObjects;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.IndexMode;
import io.tapline.store.InstallReport;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code tapline setup} does: the index template and ILM policy into the cluster (the embedded node when no
 * cluster is named), then, when Kibana's URL is given, Tapline's saved objects into Kibana. Prints one line per
 * object saying what it created, updated or left alone, and a last line summing up.
 */
final class Setup {
    private final SetupConfig config;
    private final PrintStream out;
    private final ObjectMapper mapper = new ObjectMapper();

    Setup(SetupConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Runs setup; problems a user can fix are thrown as exceptions whose message is one line. */
    InstallReport run() {
        List<InstallReport.Step> steps = new ArrayList<>(elasticsearch().steps());
        if (config.kibanaUrl() != null) {
            out.println("tapline: Kibana          " + config.kibanaUrl()
                    + (config.kibanaSpace() == null ? "" : " (space " + config.kibanaSpace() + ")"));
            KibanaClient client = new KibanaClient(config.kibanaUrl(), config.kibanaSpace(), config.kibanaAuth(),
                    config.kibanaCaCert(), mapper);
            InstallReport kibana = new KibanaImporter(client, mapper).sync(KibanaObjects.all());
            kibana.steps().forEach(s -> out.println("tapline: " + s));
            steps.addAll(kibana.steps());
        } else {
            out.println("tapline: Kibana          skipped (no --kibana-url / TAPLINE_KIBANA_URL)");
        }
        InstallReport report = new InstallReport(steps);
        out.println("tapline: setup done: " + summary(report));
        out.flush();
        return report;
    }

    private InstallReport elasticsearch() {
        EmbeddedElasticsearch node = null;
        try {
            StoreConfig storeConfig;
            String description;
            if (config.embedded()) {
                Path dataDir = writableDataDir(config.dataDir());
                out.println("tapline: starting the embedded Elasticsearch node under " + dataDir.resolve("elasticsearch"));
                node = EmbeddedElasticsearch.builder().dataDir(dataDir).heapMb(config.esHeapMb()).build().start();
                storeConfig = StoreConfig.of(node.httpUri());
                description = node.httpUri() + " (embedded, data in " + dataDir.resolve("elasticsearch") + ")";
            } else {
                storeConfig = config.storeConfig();
                description = config.esUrls().stream().map(Object::toString).collect(Collectors.joining(","));
            }
            out.println("tapline: Elasticsearch   " + description);
            try (ElasticsearchConnection connection = ElasticsearchConnection.open(storeConfig, mapper)) {
                SchemaInstaller installer = new SchemaInstaller(connection, mapper, config.retention());
                if (config.mode() == IndexMode.DATA_STREAM && !installer.hasDataStreams()) {
                    throw new IllegalStateException("--data-stream: the cluster at " + description + " has no data"
                            + " streams (they need x-pack; the embedded node has none); nothing was installed");
                }
                InstallReport report = installer.install(config.mode());
                report.steps().forEach(s -> out.println("tapline: " + s));
                if (config.mode() == IndexMode.DATA_STREAM) {
                    out.println("tapline: note: data streams take only op_type create: run Logstash with"
                            + " TAPLINE_ES_ACTION=create; serve's direct sink writes plain daily indices");
                }
                return report;
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    static String summary(InstallReport report) {
        Map<InstallReport.Outcome, Integer> counts = new EnumMap<>(InstallReport.Outcome.class);
        report.steps().forEach(s -> counts.merge(s.outcome(), 1, Integer::sum));
        String tally = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return report.changedNothing() ? "nothing changed (" + tally + ")" : tally;
    }

    private static Path writableDataDir(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("TAPLINE_DATA_DIR " + dir + " is not writable (cannot create it)");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("TAPLINE_DATA_DIR " + dir + " is not writable");
        }
        return dir;
    }
}
