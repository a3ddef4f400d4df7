package io.tapline.api.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tapline.store.aggregate.LogStats;

import java.util.Map;

/**
 * The body of {@code /_logs/stats}: seed 004's five fields unchanged (each {@code by*} a plain map of value to
 * count, most frequent first), plus {@code other}: per dimension, the entries not counted under a listed value
 * (values beyond {@code top}, and entries without the field). A separate object rather than an {@code "other"} key
 * inside the maps, where it could collide with a real project, container or service named "other".
 */
@JsonPropertyOrder({"total", "byLevel", "byProject", "byContainer", "byService", "other"})
public record StatsResponse(long total, Map<String, Long> byLevel, Map<String, Long> byProject,
                            Map<String, Long> byContainer, Map<String, Long> byService, Other other) {

    /** What each map leaves out; {@code sum(byX) + other.byX == total} for every dimension. */
    @JsonPropertyOrder({"byLevel", "byProject", "byContainer", "byService"})
    public record Other(long byLevel, long byProject, long byContainer, long byService) {
    }

    static StatsResponse of(LogStats stats) {
        return new StatsResponse(stats.total(), stats.byLevel().top(), stats.byProject().top(),
                stats.byContainer().top(), stats.byService().top(),
                new Other(stats.byLevel().other(), stats.byProject().other(), stats.byContainer().other(),
                        stats.byService().other()));
    }
}
