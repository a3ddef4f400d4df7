package io.tapline.api.params;

import io.tapline.api.http.ApiException;
import io.tapline.api.http.UserInput;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads decoded query parameters through their {@link ParameterSpec}s. An unknown parameter, a repeated one
 * or a value outside its spec is a 400 naming the parameter; a value is never repeated back, so an error
 * message cannot carry anything but the caller's own parameter names.
 */
public final class ParameterReader {

    /** 9999-12-31T23:59:59.999Z: the last millisecond an ISO 8601 four-digit year can name. */
    public static final long MAX_EPOCH_MS = 253_402_300_799_999L;

    /** Plain ASCII digits only: {@link Long#parseLong} would also take a sign and non-ASCII digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    /** A '+' in an offset that the client forgot to percent-encode arrives as a space. */
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile("(.*[0-9]) ([0-9]{2}(:?[0-9]{2})?)");

    private final Map<String, List<String>> query;

    /**
     * @param query  the decoded parameters ({@link io.tapline.api.http.QueryParameters#parse})
     * @param known  every parameter this endpoint takes; any other is refused
     * @param endpoint how the endpoint is named in the refusal, e.g. "the logs query"
     */
    public ParameterReader(Map<String, List<String>> query, Collection<ParameterSpec> known, String endpoint) {
        this.query = new LinkedHashMap<>(query);
        for (String name : query.keySet()) {
            if (known.stream().noneMatch(s -> s.name().equals(name))) {
                throw ApiException.badRequest("unknown parameter " + UserInput.bounded(name) + " for " + endpoint
                        + " (see /api/openapi.json)");
            }
        }
    }

    /** True when the parameter was sent (with any value, even empty). */
    public boolean has(ParameterSpec spec) {
        return query.containsKey(spec.name());
    }

    /** The rejection for a value outside {@code spec}. */
    public static ApiException invalid(ParameterSpec spec) {
        return ApiException.badRequest(spec.name() + " must be " + spec.rule());
    }

    /** The parameter's one raw value, null when absent; a repeated parameter is ambiguous and refused. */
    public String raw(ParameterSpec spec) {
        List<String> values = query.get(spec.name());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(spec.name() + " must be given at most once");
        }
        return values.get(0);
    }

    /** An {@code INTEGER} parameter, or its default (null when it has none). */
    public Long integer(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.INTEGER, ParameterSpec.Type.EPOCH_MS);
        String raw = raw(spec);
        if (raw == null) {
            return spec.defaultValue() == null ? null : Long.parseLong(spec.defaultValue());
        }
        if (DIGITS.matcher(raw).matches()) {
            try {
                long value = Long.parseLong(raw);
                if (value >= spec.min() && value <= spec.max()) {
                    return value;
                }
            } catch (NumberFormatException overflow) {
                // 19 digits above Long.MAX_VALUE: out of range like any other
            }
        }
        throw invalid(spec);
    }

    /** An {@code EPOCH_MS} parameter, or null. */
    public Long epochMs(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.EPOCH_MS);
        return integer(spec);
    }

    /** A {@code BOOLEAN} parameter, or its default. */
    public boolean bool(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.BOOLEAN);
        String raw = raw(spec);
        if (raw == null) {
            return Boolean.parseBoolean(spec.defaultValue());
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(spec);
        };
    }

    /** A {@code STRING} parameter, or null. */
    public String string(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.STRING);
        String raw = raw(spec);
        if (raw == null) {
            return null;
        }
        boolean fits = raw.length() <= spec.maxLength() && raw.codePoints().noneMatch(Character::isISOControl);
        boolean valid = spec.pattern() != null ? spec.pattern().matcher(raw).matches() : !raw.isBlank();
        if (!fits || !valid) {
            throw invalid(spec);
        }
        return raw;
    }

    /** An {@code ENUM} parameter as its lower-case value, or its default. */
    public String oneOf(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.ENUM);
        String raw = raw(spec);
        if (raw == null) {
            return spec.defaultValue();
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!spec.values().contains(value)) {
            throw invalid(spec);
        }
        return value;
    }

    /**
     * The items of an {@code ENUM_LIST} (or of an {@code ENUM} whose caller accepts aliases), trimmed and not
     * empty, or null when absent. The caller maps each item and refuses an unknown one with {@link #invalid}.
     */
    public List<String> items(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.ENUM_LIST, ParameterSpec.Type.ENUM);
        String raw = raw(spec);
        if (raw == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty() || item.length() > 32 || items.size() >= 32) {
                throw invalid(spec);
            }
            items.add(item);
        }
        return items;
    }

    /** A {@code DATE_TIME} parameter as an instant, or null. */
    public Instant dateTime(ParameterSpec spec) {
        require(spec, ParameterSpec.Type.DATE_TIME);
        String raw = raw(spec);
        if (raw == null) {
            return null;
        }
        String text = SPACE_FOR_PLUS.matcher(raw.trim()).replaceFirst("$1+$2");
        if (text.length() > 40) {
            throw invalid(spec);
        }
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (instant.toEpochMilli() < 0 || instant.toEpochMilli() > MAX_EPOCH_MS) {
                throw invalid(spec);
            }
            return instant;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(spec);
        }
    }

    private static void require(ParameterSpec spec, ParameterSpec.Type... types) {
        for (ParameterSpec.Type t : types) {
            if (spec.type() == t) {
                return;
            }
        }
        throw new IllegalArgumentException(spec.name() + " is a " + spec.type() + " parameter");
    }
}
