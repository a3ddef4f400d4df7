package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * {@code GET /api/proxy-logs/_logs/services}: the services with entries, the most entries first.
 *
 * @param total every matching entry
 * @param other the entries not under a listed service (past the limit, or without a service name)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceList(List<Service> services, long total, long other) {

    public ServiceList {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * One service.
     *
     * @param count       its entries
     * @param lastSeenMs  its newest entry's time (epoch ms)
     * @param lastSeenIso the same in ISO 8601
     * @param projectIds  the projects its entries belong to (only the caller's)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(String serviceName, long count, long lastSeenMs, String lastSeenIso,
                          List<String> projectIds) {
        public Service {
            projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
        }
    }
}
