package io.tapline.enrich;

import io.tapline.redact.RedactionRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichmentConfigTest {

    @Test
    void defaultsToOneSecondAndTheDefaultRedactionRules() {
        EnrichmentConfig config = EnrichmentConfig.defaults();
        assertThat(config.slowThresholdMs()).isEqualTo(1000);
        assertThat(config.slowThresholdMs("any-service")).isEqualTo(1000);
        assertThat(config.slowThresholdMs(null)).isEqualTo(1000);
        assertThat(config.redaction()).isEqualTo(RedactionRules.defaults());
        assertThat(config).isEqualTo(EnrichmentConfig.fromSettings(Map.of())).isEqualTo(EnrichmentConfig.fromSettings(null));
    }

    @Test
    void aServiceMayHaveAThresholdOfItsOwn() {
        EnrichmentConfig config = EnrichmentConfig.builder().slowThresholdMs(500).slowThresholdMs("reports", 30_000)
                .build();
        assertThat(config.slowThresholdMs("reports")).isEqualTo(30_000);
        assertThat(config.slowThresholdMs("user-api")).isEqualTo(500);
        assertThat(config.slowThresholdsMs()).containsExactly(Map.entry("reports", 30_000L));
    }

    @Test
    void readsTheLogstashPluginSettingsWithLooseNumbers() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("slow_threshold_ms", "250");
        settings.put("slow_thresholds_ms", Map.of("reports", 30000L, "search", 1500.0));
        settings.put("redact_headers", List.of("X-Session"));
        settings.put("redact_query_params", "sid");
        settings.put("redact_json_fields", List.of("iban", " pin "));
        settings.put("id", "tapline_enrich"); // Logstash's own settings are none of our business
        EnrichmentConfig config = EnrichmentConfig.fromSettings(settings);
        assertThat(config.slowThresholdMs()).isEqualTo(250);
        assertThat(config.slowThresholdMs("reports")).isEqualTo(30_000);
        assertThat(config.slowThresholdMs("search")).isEqualTo(1500);
        assertThat(config.redaction().headers()).contains("x-session", "authorization");
        assertThat(config.redaction().queryParams()).contains("sid", "token");
        assertThat(config.redaction().jsonFields()).contains("iban", "pin", "password");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("slow_threshold_ms", "fast"), Arguments.of("slow_threshold_ms", -1),
                Arguments.of("slow_threshold_ms", 0), Arguments.of("slow_threshold_ms", 1.5),
                Arguments.of("slow_threshold_ms", List.of(1)), Arguments.of("slow_thresholds_ms", "reports=5"),
                Arguments.of("slow_thresholds_ms", Map.of("reports", "slow")),
                Arguments.of("slow_thresholds_ms", Map.of("", 5)), Arguments.of("redact_headers", 42),
                Arguments.of("redact_headers", List.of("ok", "")), Arguments.of("redact_query_params", List.of(7)),
                Arguments.of("redact_json_fields", Map.of("a", "b")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badSettings")
    void rejectsABadSettingNamingIt(String key, Object value) {
        assertThatThrownBy(() -> EnrichmentConfig.fromSettings(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(key);
    }

    @Test
    void theBuilderRejectsBadValuesAtOnce() {
        assertThatThrownBy(() -> EnrichmentConfig.builder().slowThresholdMs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowThresholdMs");
        assertThatThrownBy(() -> EnrichmentConfig.builder().slowThresholdMs("", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrichmentConfig.builder().slowThresholdMs("svc", -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("svc");
        assertThatThrownBy(() -> EnrichmentConfig.builder().redaction(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Enricher(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
