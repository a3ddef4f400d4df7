package io.tapline.store.aggregate;

import java.util.Objects;

/**
 * The statistics of seed 004's {@code /_logs/stats}: how many records matched, and their counts by level,
 * project, container and service.
 */
public record LogStats(long total, Counts byLevel, Counts byProject, Counts byContainer, Counts byService) {

    public LogStats {
        Objects.requireNonNull(byLevel, "byLevel");
        Objects.requireNonNull(byProject, "byProject");
        Objects.requireNonNull(byContainer, "byContainer");
        Objects.requireNonNull(byService, "byService");
    }
}
