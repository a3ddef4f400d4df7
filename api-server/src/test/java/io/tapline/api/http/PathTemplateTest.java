package io.tapline.api.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTemplateTest {

    private final PathTemplate keys = PathTemplate.of("/api/keys/{id}", Map.of());

    @Test
    void aParameterSegmentMatchesAnyOneNonEmptySegment() {
        assertThat(keys.match("/api/keys/0123abcd")).containsExactly(Map.entry("id", "0123abcd"));
        assertThat(keys.match("/api/keys/%2e%2e")).containsExactly(Map.entry("id", "%2e%2e"));
    }

    @Test
    void doesNotMatchAnEmptySegmentExtraSegmentsOrOtherLiterals() {
        assertThat(keys.match("/api/keys/")).isNull();
        assertThat(keys.match("/api/keys")).isNull();
        assertThat(keys.match("/api/keys/a/b")).isNull();
        assertThat(keys.match("/api/key/a")).isNull();
        assertThat(keys.match("api/keys/a")).isNull();
    }

    @Test
    void aBraceInsideASegmentIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> PathTemplate.of("/api/keys/x{id}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole segment");
    }
}
