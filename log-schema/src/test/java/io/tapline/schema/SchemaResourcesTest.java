package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaResourcesTest {

    @Test
    void theIlmPolicyDeletesIndicesOnceOlderThanTheRetention() {
        Map<String, Object> policy = Json.readObject(SchemaResources.ilmPolicyJson("30d"));
        Map<?, ?> phases = (Map<?, ?>) ((Map<?, ?>) policy.get("policy")).get("phases");

        assertThat(((Map<?, ?>) phases.get("delete")).get("min_age")).isEqualTo("30d");
        assertThat(((Map<?, ?>) phases.get("delete")).get("actions")).isEqualTo(Map.of("delete", Map.of()));
        assertThat(((Map<?, ?>) phases.get("hot")).get("actions"))
                .isEqualTo(Map.of("set_priority", Map.of("priority", 100)));
    }

    @Test
    void acceptsRetentionsInDaysHoursMinutesOrSeconds() {
        for (String retention : new String[]{"7d", "30d", "12h", "90m", "3600s", "365d"}) {
            assertThat(SchemaResources.ilmPolicyJson(retention)).contains("\"min_age\": \"" + retention + "\"")
                    .doesNotContain("${retention}");
        }
    }

    @Test
    void rejectsMalformedRetentionsNamingTheSetting() {
        for (String retention : new String[]{"", "7", "d", "0d", "-1d", "7 d", "7days", "1w", "7d\"}", null}) {
            assertThatThrownBy(() -> SchemaResources.ilmPolicyJson(retention))
                    .as("retention %s", retention)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
        }
    }

    @Test
    void theTemplateTextAndTheParsedTemplateAgree() {
        assertThat(SchemaResources.indexTemplate()).isEqualTo(Json.readObject(SchemaResources.indexTemplateJson()));
        assertThat(SchemaResources.indexTemplate()).containsKeys("index_patterns", "priority", "template", "_meta");
    }
}
