package io.tapline.sdk.logs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogsParamsTest {

    @Test
    void everySeed004ParameterBecomesItsQueryParameterInTheSeedsOrder() {
        LogsParams p = LogsParams.builder().limit(100).offset(5).projectId("proj_a1b2c3d4").containerId("cnt_x9")
                .serviceName("user-api").levels(Level.ERROR, Level.WARN).includeRequestBody(true)
                .includeResponseBody(false).last(10).afterId(84321L).cursor("c1").kind(Kind.REQUEST).method("post")
                .source(Source.EDGE).build();
        assertThat(p.toQuery()).containsExactly(
                Map.entry("limit", "100"), Map.entry("offset", "5"), Map.entry("projectId", "proj_a1b2c3d4"),
                Map.entry("containerId", "cnt_x9"), Map.entry("serviceName", "user-api"),
                Map.entry("level", "warn,error"), Map.entry("includeRequestBody", "true"),
                Map.entry("includeResponseBody", "false"), Map.entry("last", "10"), Map.entry("afterId", "84321"),
                Map.entry("cursor", "c1"), Map.entry("kind", "request"), Map.entry("method", "POST"),
                Map.entry("source", "edge"));
    }

    @Test
    void unsetParametersAreNotSentSoThatTheServersDefaultsApply() {
        assertThat(LogsParams.defaults().toQuery()).isEmpty();
    }

    @Test
    void levelTakesTheApisCommaSeparatedFormWithSeed003Aliases() {
        assertThat(LogsParams.builder().level("warning, ERROR").build().levels())
                .containsExactlyInAnyOrder(Level.WARN, Level.ERROR);
        assertThatThrownBy(() -> LogsParams.builder().level("loud")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("debug, info, warn, error");
    }

    @Test
    void toBuilderKeepsEverythingAndDerivesTheNextPage() {
        LogsParams p = LogsParams.builder().limit(50).projectId("p").levels(Level.INFO).param("query", "timeout")
                .build();
        LogsParams next = p.toBuilder().afterId(99L).build();
        assertThat(next.toQuery()).containsEntry("afterId", "99").containsEntry("limit", "50")
                .containsEntry("projectId", "p").containsEntry("level", "info").containsEntry("query", "timeout");
        assertThat(p.afterId()).isNull();
    }

    @Test
    void buildRefusesValuesTheApiCanNeverAccept() {
        assertThatThrownBy(() -> LogsParams.builder().limit(0).build()).hasMessage("limit must be at least 1");
        assertThatThrownBy(() -> LogsParams.builder().offset(-1).build()).hasMessage("offset must not be negative");
        assertThatThrownBy(() -> LogsParams.builder().last(0).build()).hasMessage("last must be at least 1");
        assertThatThrownBy(() -> LogsParams.builder().afterId(-5L).build()).hasMessage("afterId must not be negative");
        assertThatThrownBy(() -> LogsParams.builder().projectId(" ").build()).hasMessage("projectId must not be blank");
        assertThatThrownBy(() -> LogsParams.builder().param("", "x")).hasMessage("parameter name must not be blank");
    }
}
