package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IndexNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedElasticsearchExtension.class)
class SchemaInstallerIT {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void secondInstallChangesNothingAndSaysSo(URI es) throws Exception {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            conn.client().indices().deleteIndexTemplate(d -> d.name(IndexNames.TEMPLATE_NAME));
        } catch (Exception ignored) {
            // absent already
        }
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            SchemaInstaller installer = new SchemaInstaller(conn, mapper, "30d");
            InstallReport first = installer.install();
            assertThat(first.steps()).extracting(InstallReport.Step::outcome)
                    .containsExactly(InstallReport.Outcome.SKIPPED, InstallReport.Outcome.CREATED);
            assertThat(first.steps().get(0).detail()).contains("no ILM");
            assertThat(first.changedNothing()).isFalse();

            InstallReport second = installer.install();
            assertThat(second.steps()).extracting(InstallReport.Step::outcome)
                    .containsExactly(InstallReport.Outcome.SKIPPED, InstallReport.Outcome.UNCHANGED);
            assertThat(second.changedNothing()).isTrue();
            assertThat(installer.hasIlm()).isFalse();
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
    void aBadRetentionIsRefusedBeforeAnythingIsSent(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            assertThatThrownBy(() -> new SchemaInstaller(conn, mapper, "forever"))
                    .hasMessageContaining("retention");
        }
    }
}
