package io.tapline.api.query;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** The seed-004 body of {@code GET /api/proxy-logs/_logs}: {@code {"entries":[...],"total":N,"limit":L,"offset":O}}. */
@JsonPropertyOrder({"entries", "total", "limit", "offset"})
public record LogsResponse(List<Map<String, Object>> entries, long total, int limit, int offset) {
}
