package io.tapline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkSettingsTest {
    private static final Path DATA = Path.of("/var/lib/tapline");

    @Test
    void defaultsToTheDirectSinkWithTheDocumentedLimits() {
        SinkSettings s = SinkSettings.fromEnvironment(Map.of(), DATA);
        assertThat(s.mode()).isEqualTo(SinkSettings.Mode.DIRECT);
        assertThat(s.fileDir()).isEqualTo(DATA.resolve("records"));
        assertThat(s.fileMaxBytes()).isEqualTo(100L << 20);
        assertThat(s.fileKeep()).isEqualTo(10);
        assertThat(s.spoolMaxBytes()).isEqualTo(1024L << 20);
        assertThat(s.slowThresholdMs()).isEqualTo(1000);
    }

    @Test
    void readsTheFileSinksSizeAndRetention() {
        SinkSettings s = SinkSettings.fromEnvironment(Map.of("TAPLINE_SINK", "file", "TAPLINE_SINK_DIR", "/tmp/r",
                "TAPLINE_SINK_FILE_MAX_MB", " 5 ", "TAPLINE_SINK_FILE_KEEP", "1000"), DATA);
        assertThat(s.mode()).isEqualTo(SinkSettings.Mode.FILE);
        assertThat(s.fileDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(s.fileMaxBytes()).isEqualTo(5L << 20);
        assertThat(s.fileKeep()).isEqualTo(1000);
        assertThat(s.describe()).contains("5 MiB files", "newest 1000 kept");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "TAPLINE_SINK_FILE_MAX_MB, 0", "TAPLINE_SINK_FILE_MAX_MB, 1048577", "TAPLINE_SINK_FILE_MAX_MB, ten",
            "TAPLINE_SINK_FILE_KEEP, 0", "TAPLINE_SINK_FILE_KEEP, -3", "TAPLINE_SINK_FILE_KEEP, 100001",
            "TAPLINE_SPOOL_MAX_MB, 0", "TAPLINE_SPOOL_MAX_MB, 1.5", "TAPLINE_SLOW_MS, 0", "TAPLINE_SLOW_MS, 3600001",
            "TAPLINE_SINK_FILE_KEEP, 99999999999999999999",
    })
    void refusesAnOutOfRangeValueNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of(name, value), DATA))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(name + " must be an integer between");
    }

    @Test
    void refusesAnUnknownSinkAndALogstashTargetWithoutAPort() {
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("TAPLINE_SINK", "kafka"), DATA))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TAPLINE_SINK");
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(
                Map.of("TAPLINE_SINK", "logstash", "TAPLINE_LOGSTASH", "localhost"), DATA))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TAPLINE_LOGSTASH");
    }
}
