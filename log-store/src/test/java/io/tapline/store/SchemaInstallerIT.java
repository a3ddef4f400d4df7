package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IndexNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedElasticsearchExtension.class)
class SchemaInstallerIT {
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void noTemplateYet(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            conn.client().indices().deleteIndexTemplate(d -> d.name(IndexNames.TEMPLATE_NAME));
        } catch (Exception ignored) {
            // absent already
        }
    }

    @Test
    void secondInstallChangesNothingAndSaysSo(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            SchemaInstaller installer = new SchemaInstaller(conn, mapper, "30d");
            InstallReport first = installer.install();
            assertThat(first.steps()).extracting(InstallReport.Step::outcome)
                    .containsExactly(InstallReport.Outcome.SKIPPED, InstallReport.Outcome.CREATED);
            assertThat(first.steps().get(0).detail()).contains("no ILM");
            assertThat(first.steps().get(1)).hasToString("index template tapline-logs: created (daily indices)");
            assertThat(first.changedNothing()).isFalse();

            InstallReport second = installer.install();
            assertThat(second.steps()).extracting(InstallReport.Step::outcome)
                    .containsExactly(InstallReport.Outcome.SKIPPED, InstallReport.Outcome.UNCHANGED);
            assertThat(second.changedNothing()).isTrue();
            assertThat(installer.hasIlm()).isFalse();
            assertThat(installer.installedMode()).isEqualTo(IndexMode.DAILY_INDICES);
        }
    }

    @Test
    void aChangedTemplateInTheClusterIsPutBack(URI es) throws Exception {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            SchemaInstaller installer = new SchemaInstaller(conn, mapper, "30d");
            installer.install();
            conn.client().indices().putIndexTemplate(t -> t.name(IndexNames.TEMPLATE_NAME)
                    .indexPatterns(IndexNames.PATTERN).priority(200L));
            assertThat(installer.install().steps().get(1).outcome()).isEqualTo(InstallReport.Outcome.UPDATED);
            assertThat(installer.install().changedNothing()).isTrue();
        }
    }

    @Test
    void dataStreamsOnAClusterWithoutThemAreRefusedBeforeAnythingIsWritten(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            SchemaInstaller installer = new SchemaInstaller(conn, mapper, "30d");
            assertThat(installer.hasDataStreams()).isFalse();
            assertThatThrownBy(() -> installer.install(IndexMode.DATA_STREAM))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the cluster has no data streams");
            assertThat(installer.installedMode()).isNull();
        }
    }

    @Test
    void anExplicitModeEqualToTheInstalledOneChangesNothing(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            SchemaInstaller installer = new SchemaInstaller(conn, mapper, "30d");
            assertThat(installer.install(IndexMode.DAILY_INDICES).changedNothing()).isFalse();
            assertThat(installer.install(IndexMode.DAILY_INDICES).changedNothing()).isTrue();
            assertThat(installer.install().changedNothing()).isTrue();
        }
    }

    @Test
    void aBadRetentionIsRefusedBeforeAnythingIsSent(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            assertThatThrownBy(() -> new SchemaInstaller(conn, mapper, "forever"))
                    .hasMessageContaining("retention");
        }
    }
}
