package io.tapline.sdk.logs;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /api/proxy-logs/_logs}, one component per seed-004 parameter; null means
 * "not sent" (the server's default applies). Build with {@link #builder()}; {@link Builder#build()} rejects
 * values the API can never accept.
 *
 * @param limit               entries per page (server default 200)
 * @param offset              entries to skip
 * @param projectId           one project (admins; a tenant may only name its own)
 * @param containerId         one container
 * @param serviceName         one service
 * @param levels              sent as the comma-separated {@code level}
 * @param includeRequestBody  include captured request bodies
 * @param includeResponseBody include captured response bodies
 * @param last                only the last N entries
 * @param afterId             entries with an id greater than this, ascending (the row cursor)
 * @param cursor              the signed cross-tenant fanout cursor of a previous page's {@code nextCursor}
 * @param kind                request, response or event
 * @param method              HTTP method, e.g. GET
 * @param source              backend or edge
 * @param minLevel            this level and every more severe one (seed 003)
 * @param query               full text: every word must occur in the URL, the message or a captured body (seed 000)
 * @param fromTimestamp       entries at or after this epoch millisecond (seed 000)
 * @param toTimestamp         entries before this epoch millisecond (seed 000)
 * @param since               entries at or after this instant, sent as ISO 8601 (seed 003)
 * @param until               entries before this instant, sent as ISO 8601 (seed 003)
 * @param extra               further parameters a newer server accepts, sent as given
 */
public record LogsParams(Integer limit, Integer offset, String projectId, String containerId, String serviceName,
                         Set<Level> levels, Boolean includeRequestBody, Boolean includeResponseBody, Integer last,
                         Long afterId, String cursor, Kind kind, String method, Source source, Level minLevel,
                         String query, Long fromTimestamp, Long toTimestamp, Instant since, Instant until,
                         Map<String, String> extra) {

    public LogsParams {
        levels = levels == null || levels.isEmpty() ? null : Collections.unmodifiableSet(EnumSet.copyOf(levels));
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** No parameters: the server's defaults. */
    public static LogsParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters, to derive a variant (e.g. the next page). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limit = limit;
        b.offset = offset;
        b.projectId = projectId;
        b.containerId = containerId;
        b.serviceName = serviceName;
        b.levels = levels == null ? null : EnumSet.copyOf(levels);
        b.includeRequestBody = includeRequestBody;
        b.includeResponseBody = includeResponseBody;
        b.last = last;
        b.afterId = afterId;
        b.cursor = cursor;
        b.kind = kind;
        b.method = method;
        b.source = source;
        b.minLevel = minLevel;
        b.query = query;
        b.fromTimestamp = fromTimestamp;
        b.toTimestamp = toTimestamp;
        b.since = since;
        b.until = until;
        b.extra.putAll(extra);
        return b;
    }

    /** The parameters as the query string's name/value pairs, in seed 004's order, without unset ones. */
    public Map<String, String> toQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "limit", limit);
        put(q, "offset", offset);
        put(q, "projectId", projectId);
        put(q, "containerId", containerId);
        put(q, "serviceName", serviceName);
        if (levels != null) {
            q.put("level", levels.stream().map(Level::wireName).collect(Collectors.joining(",")));
        }
        put(q, "includeRequestBody", includeRequestBody);
        put(q, "includeResponseBody", includeResponseBody);
        put(q, "last", last);
        put(q, "afterId", afterId);
        put(q, "cursor", cursor);
        put(q, "kind", kind == null ? null : kind.wireName());
        put(q, "method", method);
        put(q, "source", source == null ? null : source.wireName());
        put(q, "minLevel", minLevel == null ? null : minLevel.wireName());
        put(q, "query", query);
        put(q, "fromTimestamp", fromTimestamp);
        put(q, "toTimestamp", toTimestamp);
        put(q, "since", since);
        put(q, "until", until);
        q.putAll(extra);
        return q;
    }

    private static void put(Map<String, String> q, String name, Object value) {
        if (value != null) {
            q.put(name, value.toString());
        }
    }

    /** Collects {@link LogsParams}; every setter accepts null to unset. */
    public static final class Builder {
        private Integer limit;
        private Integer offset;
        private String projectId;
        private String containerId;
        private String serviceName;
        private Set<Level> levels;
        private Boolean includeRequestBody;
        private Boolean includeResponseBody;
        private Integer last;
        private Long afterId;
        private String cursor;
        private Kind kind;
        private String method;
        private Source source;
        private Level minLevel;
        private String query;
        private Long fromTimestamp;
        private Long toTimestamp;
        private Instant since;
        private Instant until;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder() {
        }

        /** Entries per page, at least 1 (the server caps it). */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** Entries to skip, at least 0. */
        public Builder offset(Integer offset) {
            this.offset = offset;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder containerId(String containerId) {
            this.containerId = containerId;
            return this;
        }

        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        /** Only these levels; none means every level. */
        public Builder levels(Level... levels) {
            this.levels = levels == null || levels.length == 0 ? null : EnumSet.copyOf(Set.of(levels));
            return this;
        }

        /** Only these levels; null or empty means every level. */
        public Builder levels(Set<Level> levels) {
            this.levels = levels == null || levels.isEmpty() ? null : EnumSet.copyOf(levels);
            return this;
        }

        /** Levels as the API writes them, comma-separated ({@code "warn,error"}). */
        public Builder level(String commaSeparated) {
            if (commaSeparated == null || commaSeparated.isBlank()) {
                this.levels = null;
                return this;
            }
            EnumSet<Level> set = EnumSet.noneOf(Level.class);
            for (String part : commaSeparated.split(",")) {
                set.add(Level.parse(part));
            }
            this.levels = set;
            return this;
        }

        public Builder includeRequestBody(Boolean include) {
            this.includeRequestBody = include;
            return this;
        }

        public Builder includeResponseBody(Boolean include) {
            this.includeResponseBody = include;
            return this;
        }

        /** Only the last N entries, at least 1. */
        public Builder last(Integer last) {
            this.last = last;
            return this;
        }

        /** Entries with an id greater than this, ascending; at least 0. */
        public Builder afterId(Long afterId) {
            this.afterId = afterId;
            return this;
        }

        /**
         * The fanout cursor: empty to start, then each page's {@code nextCursor} (admins, on servers with
         * {@code LOGS_ADMIN_FANOUT=true}).
         */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** HTTP method, e.g. {@code GET}; sent upper-case. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /** This level and every more severe one. */
        public Builder minLevel(Level minLevel) {
            this.minLevel = minLevel;
            return this;
        }

        /** Full text: plain words, each of which must occur in the URL, the message or a captured body. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** Entries at or after this epoch millisecond (inclusive). */
        public Builder fromTimestamp(Long fromTimestamp) {
            this.fromTimestamp = fromTimestamp;
            return this;
        }

        /** Entries before this epoch millisecond (exclusive). */
        public Builder toTimestamp(Long toTimestamp) {
            this.toTimestamp = toTimestamp;
            return this;
        }

        /** Entries at or after this instant (inclusive). */
        public Builder since(Instant since) {
            this.since = since;
            return this;
        }

        /** Entries before this instant (exclusive). */
        public Builder until(Instant until) {
            this.until = until;
            return this;
        }

        /** Any further parameter a newer server accepts, sent as given. */
        public Builder param(String name, String value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter name must not be blank");
            }
            if (value == null) {
                extra.remove(name);
            } else {
                extra.put(name, value);
            }
            return this;
        }

        /** @throws IllegalArgumentException naming the first parameter the API could never accept */
        public LogsParams build() {
            require(limit == null || limit >= 1, "limit must be at least 1");
            require(offset == null || offset >= 0, "offset must not be negative");
            require(last == null || last >= 1, "last must be at least 1");
            require(afterId == null || afterId >= 0, "afterId must not be negative");
            requireText(projectId, "projectId");
            requireText(containerId, "containerId");
            requireText(serviceName, "serviceName");
            require(cursor == null || cursor.equals(cursor.strip()), "cursor must not have surrounding spaces");
            requireText(query, "query");
            requireText(method, "method");
            require(fromTimestamp == null || fromTimestamp >= 0, "fromTimestamp must not be negative");
            require(toTimestamp == null || toTimestamp >= 0, "toTimestamp must not be negative");
            require(since == null || fromTimestamp == null, "since and fromTimestamp set the same bound; give one");
            require(until == null || toTimestamp == null, "until and toTimestamp set the same bound; give one");
            return new LogsParams(limit, offset, projectId, containerId, serviceName, levels, includeRequestBody,
                    includeResponseBody, last, afterId, cursor, kind,
                    method == null ? null : method.trim().toUpperCase(java.util.Locale.ROOT), source, minLevel,
                    query, fromTimestamp, toTimestamp, since, until, extra);
        }

        private static void requireText(String value, String name) {
            require(value == null || !value.isBlank(), name + " must not be blank");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
