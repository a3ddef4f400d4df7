package io.tapline.api.query;

import io.tapline.api.http.ApiException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated query parameters of {@code GET /api/proxy-logs/_logs}. Every rejection is a 400 whose
 * message names the parameter and never repeats the value.
 *
 * @param projectId null when the caller did not restrict to one project
 */
public record LogsParams(int limit, int offset, String projectId, boolean includeRequestBody,
                         boolean includeResponseBody) {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 1_000_000;
    public static final int MAX_PROJECT_ID_LENGTH = 128;

    /** Seed-004 parameters a later issue implements; rejected rather than silently ignored until then. */
    static final Set<String> NOT_YET_SUPPORTED = Set.of(
            "containerId", "serviceName", "level", "last", "afterId", "cursor", "kind", "method", "source");

    /** Plain ASCII digits only: {@link Integer#parseInt} would also take a sign and non-ASCII digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    /** Validates the decoded query parameters (see {@link io.tapline.api.http.QueryParameters}). */
    public static LogsParams parse(Map<String, List<String>> query) {
        for (String name : NOT_YET_SUPPORTED) {
            if (query.containsKey(name)) {
                throw ApiException.badRequest(name + " is not supported yet");
            }
        }
        int limit = integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer(query, "offset", 0, 0, MAX_OFFSET);
        String projectId = single(query, "projectId");
        if (projectId != null && (projectId.isBlank() || projectId.length() > MAX_PROJECT_ID_LENGTH)) {
            throw ApiException.badRequest(
                    "projectId must be between 1 and " + MAX_PROJECT_ID_LENGTH + " non-blank characters");
        }
        return new LogsParams(limit, offset, projectId,
                bool(query, "includeRequestBody"), bool(query, "includeResponseBody"));
    }

    private static int integer(Map<String, List<String>> query, String name, int dflt, int min, int max) {
        String raw = single(query, name);
        if (raw == null) {
            return dflt;
        }
        if (DIGITS.matcher(raw).matches()) {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw ApiException.badRequest(name + " must be an integer between " + min + " and " + max);
    }

    private static boolean bool(Map<String, List<String>> query, String name) {
        String raw = single(query, name);
        if (raw == null) {
            return false;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false");
        };
    }

    /** The parameter's one value, null when absent; a repeated parameter is ambiguous and rejected. */
    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " must be given at most once");
        }
        return values.get(0);
    }
}
