package co.elastic.logstash.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PluginConfigSpecTest {

    @Test
    void factoriesCarryLogstashTypesAndDefaults() {
        assertThat(PluginConfigSpec.numSetting("n", 5).type()).isEqualTo(Long.class);
        assertThat(PluginConfigSpec.numSetting("n", 5).defaultValue()).isEqualTo(5L);
        assertThat(PluginConfigSpec.floatSetting("f", 1.5).type()).isEqualTo(Double.class);
        assertThat(PluginConfigSpec.hashSetting("h").type()).isEqualTo(Map.class);
        assertThat(PluginConfigSpec.arraySetting("a").type()).isEqualTo(List.class);
        assertThat(PluginConfigSpec.requiredStringSetting("s").required()).isTrue();
        assertThat(PluginConfigSpec.stringSetting("s", "x", true, false).deprecated()).isTrue();
        assertThat(PluginConfigSpec.codecSetting("codec", "json_lines").getRawDefaultValue()).isEqualTo("json_lines");
        assertThat(PluginConfigSpec.passwordSetting("p").type()).isEqualTo(Password.class);
    }

    @Test
    void commonFilterSettingsFollowThePluginsOwnWithoutRepeatingThem() {
        PluginConfigSpec<Long> own = PluginConfigSpec.numSetting("slow_threshold_ms");
        List<String> names = PluginHelper.commonFilterSettings(List.of(own, PluginHelper.ID_CONFIG)).stream()
                .map(PluginConfigSpec::name).toList();
        assertThat(names).containsExactly("slow_threshold_ms", "id", "add_field", "add_tag", "enable_metric",
                "periodic_flush", "remove_field", "remove_tag");
    }

    @Test
    void passwordNeverPrintsItself() {
        assertThat(new Password("hunter2")).hasToString("<password>");
        assertThat(new Password("hunter2").getValue()).isEqualTo("hunter2");
    }
}
