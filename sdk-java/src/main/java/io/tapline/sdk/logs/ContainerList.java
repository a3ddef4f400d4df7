package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * {@code GET /api/proxy-logs/_logs/containers}: the containers with entries, the most entries first.
 *
 * @param total every matching entry
 * @param other the entries not under a listed container (past the limit, or without a container)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerList(List<Container> containers, long total, long other) {

    public ContainerList {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /**
     * One container.
     *
     * @param count       its entries
     * @param lastSeenMs  its newest entry's time (epoch ms)
     * @param lastSeenIso the same in ISO 8601
     * @param projectIds  the projects its entries belong to (only the caller's)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(String containerId, long count, long lastSeenMs, String lastSeenIso,
                            List<String> projectIds) {
        public Container {
            projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
        }
    }
}
