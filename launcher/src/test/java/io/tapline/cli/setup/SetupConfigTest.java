package io.tapline.cli.setup;

import io.tapline.store.IndexMode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetupConfigTest {
    @Test
    void withNothingSetItUsesTheEmbeddedNodeAndSkipsKibana() {
        SetupConfig c = SetupConfig.fromEnvironment(Map.of(), false);
        assertThat(c.embedded()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("tapline-data"));
        assertThat(c.mode()).isEqualTo(IndexMode.DAILY_INDICES);
        assertThat(c.kibanaUrl()).isNull();
        assertThat(c.kibanaAuth()).isNull();
    }

    @Test
    void kibanaUsesTheElasticsearchCredentialsUnlessItHasItsOwn() {
        Map<String, String> es = Map.of("TAPLINE_ES_URL", "https://es:9200", "TAPLINE_ES_USER", "elastic",
                "TAPLINE_ES_PASSWORD", "pw", "TAPLINE_ES_CA_CERT", "/certs/ca.crt",
                "TAPLINE_KIBANA_URL", "http://kibana:5601/");
        SetupConfig c = SetupConfig.fromEnvironment(es, true);
        assertThat(c.kibanaAuth()).isEqualTo("Basic ZWxhc3RpYzpwdw==");
        assertThat(c.kibanaUrl()).isEqualTo(URI.create("http://kibana:5601"));
        assertThat(c.kibanaCaCert()).isEqualTo(Path.of("/certs/ca.crt"));
        assertThat(c.mode()).isEqualTo(IndexMode.DATA_STREAM);

        Map<String, String> own = new java.util.HashMap<>(es);
        own.put("TAPLINE_KIBANA_API_KEY", "a2V5");
        assertThat(SetupConfig.fromEnvironment(own, false).kibanaAuth()).isEqualTo("ApiKey a2V5");
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> SetupConfig.fromEnvironment(Map.of("TAPLINE_KIBANA_URL", "kibana:5601"), false))
                .hasMessage("TAPLINE_KIBANA_URL: not an http(s) base URL: kibana:5601");
        assertThatThrownBy(() -> SetupConfig.fromEnvironment(Map.of("TAPLINE_KIBANA_USER", "u"), false))
                .hasMessage("TAPLINE_KIBANA_USER and TAPLINE_KIBANA_PASSWORD must be set together");
        assertThatThrownBy(() -> SetupConfig.fromEnvironment(Map.of("TAPLINE_KIBANA_SPACE", "Ops Team"), false))
                .hasMessageStartingWith("TAPLINE_KIBANA_SPACE: a space id is");
        assertThatThrownBy(() -> SetupConfig.fromEnvironment(Map.of("TAPLINE_ES_URL", "http://es:9200",
                "TAPLINE_ES_USER", "elastic"), false))
                .hasMessage("TAPLINE_ES_USER and TAPLINE_ES_PASSWORD must be set together");
        assertThatThrownBy(() -> SetupConfig.fromEnvironment(Map.of("TAPLINE_ES_HEAP_MB", "lots"), false))
                .hasMessage("TAPLINE_ES_HEAP_MB must be an integer between 128 and 32768, got 'lots'");
    }

    @Test
    void itsTextNeverShowsASecret() {
        SetupConfig c = SetupConfig.fromEnvironment(Map.of("TAPLINE_ES_URL", "http://es:9200",
                "TAPLINE_ES_API_KEY", "c2VjcmV0LWtleQ==", "TAPLINE_KIBANA_URL", "http://k:5601"), false);
        assertThat(c.toString()).doesNotContain("c2VjcmV0LWtleQ==").contains("http://k:5601");
    }
}
