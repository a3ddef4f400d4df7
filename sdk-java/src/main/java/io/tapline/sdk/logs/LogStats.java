package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/proxy-logs/_logs/stats}: how many entries the caller can see, counted by level, project,
 * container and service (seed 004). Each map keeps the server's order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"total", "byLevel", "byProject", "byContainer", "byService"})
public record LogStats(long total, Map<String, Long> byLevel, Map<String, Long> byProject,
                       Map<String, Long> byContainer, Map<String, Long> byService) {

    public LogStats {
        byLevel = copy(byLevel);
        byProject = copy(byProject);
        byContainer = copy(byContainer);
        byService = copy(byService);
    }

    private static Map<String, Long> copy(Map<String, Long> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
