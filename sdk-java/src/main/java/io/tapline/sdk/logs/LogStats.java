package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/proxy-logs/_logs/stats}: how many entries the caller can see, counted by level, project,
 * container and service (seed 004), the most frequent first as the server ordered them.
 *
 * @param other per dimension, the entries not counted under a listed value (values past {@code top}, entries
 *              without the field); zeros when the server does not send it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"total", "byLevel", "byProject", "byContainer", "byService", "other"})
public record LogStats(long total, Map<String, Long> byLevel, Map<String, Long> byProject,
                       Map<String, Long> byContainer, Map<String, Long> byService, Other other) {

    public LogStats {
        byLevel = copy(byLevel);
        byProject = copy(byProject);
        byContainer = copy(byContainer);
        byService = copy(byService);
        other = other == null ? new Other(0, 0, 0, 0) : other;
    }

    /** What each map leaves out: {@code sum(byX) + other.byX == total}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"byLevel", "byProject", "byContainer", "byService"})
    public record Other(long byLevel, long byProject, long byContainer, long byService) {
    }

    private static Map<String, Long> copy(Map<String, Long> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
