package io.tapline.api.query;

import io.tapline.api.http.ApiException;
import io.tapline.api.params.ParameterReader;
import io.tapline.api.params.ParameterSpec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.Source;
import io.tapline.store.filter.LogFilter;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filter parameters every logs endpoint takes (the query, and the statistics and histogram of the same
 * records), read into one {@link FilterRequest}. Bounds: {@code fromTimestamp}/{@code since} are inclusive,
 * {@code toTimestamp}/{@code until} exclusive, so adjacent ranges never share a record.
 */
public final class FilterParameters {

    private static final List<String> LEVELS = Arrays.stream(Level.values()).map(Level::wireName).toList();

    public static final ParameterSpec PROJECT_ID = ParameterSpec.string("projectId", 128, "proj_a1b2c3d4",
            "Restrict to a single project. A tenant may name only one of its own projects (403 otherwise); "
                    + "without it a tenant reads all of its projects and an admin every project.");
    public static final ParameterSpec CONTAINER_ID = ParameterSpec.string("containerId", 256, "cnt_x9y8z7w6",
            "Restrict to a single container (exact match).");
    public static final ParameterSpec SERVICE_NAME = ParameterSpec.string("serviceName", 256, "user-api",
            "Restrict to a single service name (exact match).");
    public static final ParameterSpec LEVEL = ParameterSpec.listOf("level", LEVELS, "warn,error",
            "Comma-separated levels (debug,info,warn,error,critical); seed 003's aliases warning, fatal, trace "
                    + "and err are accepted.");
    public static final ParameterSpec MIN_LEVEL = ParameterSpec.oneOf("minLevel", LEVELS, null,
            "This level and every more severe one (seed 003). With level, an entry must satisfy both.");
    public static final ParameterSpec KIND = ParameterSpec.oneOf("kind", List.of("request", "response", "event"),
            null, "One of: request, response, event.");
    public static final ParameterSpec METHOD = ParameterSpec.pattern("method", 32,
            "[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}", "GET", "an HTTP method token such as GET or POST",
            "HTTP method filter (e.g. GET, POST), case-insensitive.");
    public static final ParameterSpec SOURCE = ParameterSpec.oneOf("source", List.of("backend", "edge"), null,
            "One of: backend, edge.");
    public static final ParameterSpec QUERY = ParameterSpec.string("query", 512, "timeout",
            "Full text over the URL, the message and the captured bodies: every word must occur in one of them. "
                    + "Taken as plain words, never as query syntax.");
    public static final ParameterSpec FROM_TIMESTAMP = ParameterSpec.epochMs("fromTimestamp",
            "Only entries at or after this time, in epoch milliseconds (inclusive). Not with since.");
    public static final ParameterSpec TO_TIMESTAMP = ParameterSpec.epochMs("toTimestamp",
            "Only entries before this time, in epoch milliseconds (exclusive). Not with until.");
    public static final ParameterSpec SINCE = ParameterSpec.dateTime("since",
            "Only entries at or after this ISO 8601 time (inclusive). Not with fromTimestamp.");
    public static final ParameterSpec UNTIL = ParameterSpec.dateTime("until",
            "Only entries before this ISO 8601 time (exclusive). Not with toTimestamp.");

    /** Every filter parameter, in the order the API document lists them. */
    public static final List<ParameterSpec> ALL = List.of(PROJECT_ID, CONTAINER_ID, SERVICE_NAME, LEVEL, MIN_LEVEL,
            KIND, METHOD, SOURCE, QUERY, FROM_TIMESTAMP, TO_TIMESTAMP, SINCE, UNTIL);

    private FilterParameters() {
    }

    /** Reads and cross-checks the filter parameters; the result is not scoped to a caller yet. */
    public static FilterRequest parse(ParameterReader reader) {
        LogFilter.Builder filter = LogFilter.builder()
                .containerId(reader.string(CONTAINER_ID))
                .serviceName(reader.string(SERVICE_NAME))
                .levels(levels(reader))
                .kind(enumValue(reader, KIND, Kind::parse))
                .source(enumValue(reader, SOURCE, Source::parse))
                .text(reader.string(QUERY))
                .fromMs(bound(reader, FROM_TIMESTAMP, SINCE))
                .toMs(bound(reader, TO_TIMESTAMP, UNTIL));
        String method = reader.string(METHOD);
        filter.method(method == null ? null : method.toUpperCase(Locale.ROOT));
        LogFilter built = filter.build();
        if (built.fromMs() != null && built.toMs() != null && built.fromMs() > built.toMs()) {
            throw ApiException.badRequest(named(reader, FROM_TIMESTAMP, SINCE) + " must not be after "
                    + named(reader, TO_TIMESTAMP, UNTIL));
        }
        return new FilterRequest(reader.string(PROJECT_ID), built);
    }

    /** The levels {@code level} and {@code minLevel} leave, or null when neither was given. */
    private static Set<Level> levels(ParameterReader reader) {
        Set<Level> levels = null;
        List<String> listed = reader.items(LEVEL);
        if (listed != null) {
            levels = EnumSet.noneOf(Level.class);
            for (String item : listed) {
                Level level = Level.parseOrNull(item);
                if (level == null) {
                    throw ParameterReader.invalid(LEVEL);
                }
                levels.add(level);
            }
        }
        List<String> min = reader.items(MIN_LEVEL);
        if (min != null) {
            Level floor = min.size() == 1 ? Level.parseOrNull(min.get(0)) : null;
            if (floor == null) {
                throw ParameterReader.invalid(MIN_LEVEL);
            }
            Set<Level> atLeast = EnumSet.noneOf(Level.class);
            for (Level l : Level.values()) {
                if (l.atLeast(floor) && (levels == null || levels.contains(l))) {
                    atLeast.add(l);
                }
            }
            levels = atLeast;
        }
        return levels;
    }

    private static <T> T enumValue(ParameterReader reader, ParameterSpec spec, java.util.function.Function<String, T> parse) {
        String value = reader.oneOf(spec);
        return value == null ? null : parse.apply(value);
    }

    /** One time bound, given either in epoch milliseconds or as ISO 8601, but not both ways at once. */
    private static Long bound(ParameterReader reader, ParameterSpec epoch, ParameterSpec iso) {
        if (reader.has(epoch) && reader.has(iso)) {
            throw ApiException.badRequest(epoch.name() + " and " + iso.name() + " set the same bound; give one");
        }
        Long ms = reader.epochMs(epoch);
        if (ms != null) {
            return ms;
        }
        Instant instant = reader.dateTime(iso);
        return instant == null ? null : instant.toEpochMilli();
    }

    private static String named(ParameterReader reader, ParameterSpec epoch, ParameterSpec iso) {
        return reader.has(iso) ? iso.name() : epoch.name();
    }
}
