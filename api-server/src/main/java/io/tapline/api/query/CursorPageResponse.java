package io.tapline.api.query;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The body of a cursor page ({@code afterId} or {@code cursor}): seed 004's four fields plus {@code nextCursor}
 * (what to send next: the {@code afterId}, or the signed fanout cursor, null after the last fanout page) and
 * {@code hasMore}.
 */
@JsonPropertyOrder({"entries", "total", "limit", "offset", "nextCursor", "hasMore"})
public record CursorPageResponse(List<Map<String, Object>> entries, long total, int limit, long offset,
                                 String nextCursor, boolean hasMore) {
}
