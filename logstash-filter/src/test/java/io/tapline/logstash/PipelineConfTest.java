package io.tapline.logstash;

import co.elastic.logstash.api.LogstashPlugin;
import io.tapline.schema.IndexNames;
import io.tapline.schema.RecordFields;
import io.tapline.schema.SchemaResources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/logstash agrees with the plugin, the proxy's logstash sink and the index template. */
class PipelineConfTest {
    /** Tapline's documented port for Logstash's tcp input (TAPLINE_LOGSTASH=host:5044). */
    static final int DOCUMENTED_PORT = 5044;
    private static final Path DOCKER = Path.of("..", "docker", "logstash");
    private static final Path RUBY = Path.of("src", "main", "gem", "lib", "logstash", "filters", "tapline_enrich.rb");

    private final String conf = PluginFiles.withoutComments(read(DOCKER.resolve("pipeline/tapline.conf")));

    @Test
    void theInputReadsTheProxysJsonLinesOnTheDocumentedPort() {
        String tcp = PluginFiles.block(PluginFiles.block(conf, "input"), "tcp");
        assertThat(Integer.parseInt(PluginFiles.setting(tcp, "port"))).isEqualTo(DOCUMENTED_PORT);
        assertThat(PluginFiles.setting(tcp, "codec")).isEqualTo("json_lines");
    }

    @Test
    void theFilterIsThePluginUnderItsConfigName() {
        String ruby = read(RUBY);
        String configName = PluginFiles.configName(ruby);
        assertThat(PluginFiles.block(conf, "filter").trim()).startsWith(configName + " {");
        assertThat(configName).isEqualTo(TaplineEnrich.class.getAnnotation(LogstashPlugin.class).name());
        assertThat(PluginFiles.javaClassConstant(ruby)).isEqualTo(PluginFiles.jrubyConstant(TaplineEnrich.class))
                .isEqualTo("Java::IoTaplineLogstash::TaplineEnrich");
    }

    @Test
    void recordsGoToTaplinesDailyIndicesUnderItsOwnTemplateKeyedByRecordId() {
        String output = PluginFiles.block(conf, "output");
        String elasticsearch = PluginFiles.block(output.substring(output.indexOf("} else {")), "elasticsearch");
        String index = PluginFiles.setting(elasticsearch, "index");
        assertThat(index.replace("%{+YYYY.MM.dd}", "2026.01.02"))
                .isEqualTo(IndexNames.dailyIndex(LocalDate.of(2026, 1, 2)));
        assertThat(SchemaResources.indexTemplate().get("index_patterns")).isEqualTo(List.of(IndexNames.PATTERN));
        String idPath = RecordFields.ID.ecsPaths().get(0);
        assertThat(PluginFiles.setting(elasticsearch, "document_id"))
                .isEqualTo("%{[" + idPath.replace(".", "][") + "]}");
        assertThat(PluginFiles.setting(elasticsearch, "manage_template")).isEqualTo("false");
        assertThat(PluginFiles.setting(elasticsearch, "hosts")).isEqualTo("[${ELASTICSEARCH_HOSTS}]");
    }

    @Test
    void failedEventsAreKeptOutsideTheStrictTemplatesIndices() {
        String output = PluginFiles.block(conf, "output");
        assertThat(output).contains("\"" + TaplineEnrich.FAILURE_TAG + "\" in [tags]");
        String failures = PluginFiles.setting(PluginFiles.block(output, "elasticsearch"), "index");
        assertThat(failures).doesNotStartWith(IndexNames.PREFIX);
    }

    @Test
    void theImageInstallsThisVersionsGemAndExposesTheDocumentedPort() {
        String dockerfile = read(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG TAPLINE_VERSION=" + System.getProperty("tapline.gem.version"))
                .contains("bin/logstash-plugin install --no-verify --local")
                .contains("EXPOSE " + DOCUMENTED_PORT)
                .contains("COPY docker/logstash/pipeline/tapline.conf");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path.toAbsolutePath().normalize(), e);
        }
    }
}
