package io.tapline.api.stream;

import io.tapline.api.http.ApiException;
import io.tapline.api.http.UserInput;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated parameters of {@code GET /api/proxy-logs/_logs/stream}: seed 004's {@code projectId},
 * {@code containerId}, {@code kind}, {@code level} (each may list several values, comma-separated) and the
 * {@code Last-Event-ID} header. An unknown parameter is refused rather than ignored, so that a typo never
 * widens a stream.
 *
 * @param lastEventId null when the client sent none
 */
public record StreamParams(String projectId, String containerId, Set<Kind> kinds, Set<Level> levels,
                           Long lastEventId) {

    public static final int MAX_ID_LENGTH = 128;
    private static final Set<String> KNOWN = Set.of("projectId", "containerId", "kind", "level");
    private static final Pattern SEQ = Pattern.compile("[0-9]{1,18}");

    /** @param lastEventIdHeader the raw {@code Last-Event-ID}, null when absent */
    public static StreamParams parse(Map<String, List<String>> query, String lastEventIdHeader) {
        for (String name : query.keySet()) {
            if (!KNOWN.contains(name)) {
                throw ApiException.badRequest("unknown parameter " + UserInput.bounded(name)
                        + "; the stream takes projectId, containerId, kind and level");
            }
        }
        return new StreamParams(id(query, "projectId"), id(query, "containerId"), kinds(single(query, "kind")),
                levels(single(query, "level")), lastEventId(lastEventIdHeader));
    }

    private static String id(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
            throw ApiException.badRequest(name + " must be between 1 and " + MAX_ID_LENGTH + " non-blank characters");
        }
        return value;
    }

    private static Set<Kind> kinds(String raw) {
        if (raw == null) {
            return null;
        }
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String part : raw.split(",", -1)) {
            try {
                kinds.add(Kind.parse(part));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("kind " + e.getMessage());
            }
        }
        return kinds;
    }

    private static Set<Level> levels(String raw) {
        if (raw == null) {
            return null;
        }
        EnumSet<Level> levels = EnumSet.noneOf(Level.class);
        for (String part : raw.split(",", -1)) {
            Level level = Level.parseOrNull(part);
            if (level == null) {
                throw ApiException.badRequest("level must be one or more of debug, info, warn, error, critical");
            }
            levels.add(level);
        }
        return levels;
    }

    private static Long lastEventId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        if (!SEQ.matcher(value).matches()) {
            throw ApiException.badRequest("Last-Event-ID must be the numeric ringSeq of a frame this stream sent");
        }
        return Long.parseLong(value);
    }

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
