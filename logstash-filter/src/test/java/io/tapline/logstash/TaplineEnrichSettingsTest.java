package io.tapline.logstash;

import co.elastic.logstash.api.LogstashPlugin;
import co.elastic.logstash.api.PluginConfigSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Logstash checks before and while constructing the plugin: its name, its schema, its settings. */
class TaplineEnrichSettingsTest {
    private final TestContext context = new TestContext();

    @Test
    void thePluginNameIsTaplineEnrichAndMatchesTheClassNameIgnoringCaseAndUnderscores() {
        String name = TaplineEnrich.class.getAnnotation(LogstashPlugin.class).name();
        assertThat(name).isEqualTo("tapline_enrich");
        assertThat(name.replace("_", "")).isEqualToIgnoringCase(TaplineEnrich.class.getSimpleName());
        assertThat(plugin(Map.of()).getName()).isEqualTo(name);
        assertThat(plugin(Map.of("id", "enrich_main")).getId()).isEqualTo("enrich_main");
    }

    @Test
    void theSchemaHoldsTheFiltersOwnSettingsAndLogstashsCommonFilterSettings() {
        Map<String, Class<?>> types = plugin(Map.of()).configSchema().stream()
                .collect(Collectors.toMap(PluginConfigSpec::name, PluginConfigSpec::type));
        assertThat(types).containsEntry("slow_threshold_ms", Long.class)
                .containsEntry("slow_thresholds_ms", Map.class)
                .containsEntry("redact_headers", List.class)
                .containsEntry("redact_query_params", List.class)
                .containsEntry("redact_json_fields", List.class)
                .containsKeys("id", "add_field", "add_tag", "remove_field", "remove_tag", "enable_metric",
                        "periodic_flush")
                .hasSize(12);
    }

    @Test
    void anUnknownSettingIsRejectedNamingIt() {
        MapConfiguration config = new MapConfiguration(Map.of("slow_treshold_ms", 500, "id", "x"));
        assertThatThrownBy(() -> ConfigKeys.check(plugin(Map.of()), config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tapline_enrich")
                .hasMessageContaining("unknown setting 'slow_treshold_ms'")
                .hasMessageContaining("slow_threshold_ms");
    }

    @Test
    void everyOwnAndCommonSettingIsAccepted() {
        MapConfiguration config = new MapConfiguration(Map.of("id", "enrich", "add_tag", List.of("t"),
                "add_field", Map.of("a", "b"), "remove_field", List.of("x"), "enable_metric", true,
                "slow_threshold_ms", 750, "slow_thresholds_ms", Map.of("user-api", 250),
                "redact_headers", List.of("x-api-key"), "redact_query_params", List.of("token"),
                "redact_json_fields", List.of("ssn")));
        TaplineEnrich filter = new TaplineEnrich("enrich", config, context);
        ConfigKeys.check(filter, config);
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> plugin(Map.of("slow_threshold_ms", "fast")))
                .hasMessageContaining("slow_threshold_ms");
        assertThatThrownBy(() -> plugin(Map.of("redact_headers", "x-api-key")))
                .hasMessageContaining("redact_headers");
    }

    @Test
    void aBadValueInsideASettingIsRejectedByTheCoreNamingTheSetting() {
        assertThatThrownBy(() -> plugin(Map.of("slow_thresholds_ms", Map.of("user-api", "slow"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tapline_enrich: ")
                .hasMessageContaining("slow_thresholds_ms");
        assertThatThrownBy(() -> plugin(Map.of("redact_json_fields", List.of("ok", 42))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redact_json_fields");
    }

    private TaplineEnrich plugin(Map<String, ?> settings) {
        Object id = settings.get("id");
        return new TaplineEnrich(id == null ? "tapline_enrich_1" : id.toString(), new MapConfiguration(settings),
                context);
    }
}
