package io.tapline.enrich;

import io.tapline.redact.RedactionRules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link Enricher} needs to know: when an exchange counts as slow (globally and per {@code service.name})
 * and which names carry secrets. Immutable; build one with {@link #builder()} or from the Logstash plugin's
 * settings with {@link #fromSettings(Map)}.
 */
public final class EnrichmentConfig {
    /** An exchange taking at least this long is slow unless its service has its own threshold. */
    public static final long DEFAULT_SLOW_THRESHOLD_MS = 1000;

    private final long slowThresholdMs;
    private final Map<String, Long> slowThresholdsMs;
    private final RedactionRules redaction;

    private EnrichmentConfig(Builder builder) {
        this.slowThresholdMs = builder.slowThresholdMs;
        this.slowThresholdsMs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.slowThresholdsMs));
        this.redaction = builder.redaction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EnrichmentConfig defaults() {
        return builder().build();
    }

    /**
     * Reads the Logstash plugin's settings: {@code slow_threshold_ms} (number), {@code slow_thresholds_ms} (map of
     * service name to number), {@code redact_headers}, {@code redact_query_params}, {@code redact_json_fields}
     * (lists of names added to the default rules). Other keys belong to Logstash and are ignored. A bad value is an
     * {@link IllegalArgumentException} whose message starts with the setting's name.
     */
    public static EnrichmentConfig fromSettings(Map<String, Object> settings) {
        Builder builder = builder();
        if (settings == null) {
            return builder.build();
        }
        Object threshold = settings.get("slow_threshold_ms");
        if (threshold != null) {
            builder.slowThresholdMs(milliseconds("slow_threshold_ms", threshold));
        }
        Object perService = settings.get("slow_thresholds_ms");
        if (perService != null) {
            if (!(perService instanceof Map)) {
                throw new IllegalArgumentException("slow_thresholds_ms: must be a map of service name to milliseconds");
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) perService).entrySet()) {
                String service = Documents.asString(e.getKey());
                if (service == null || service.trim().isEmpty()) {
                    throw new IllegalArgumentException("slow_thresholds_ms: service names must be non-empty strings");
                }
                builder.slowThresholdMs(service.trim(),
                        milliseconds("slow_thresholds_ms." + service.trim(), e.getValue()));
            }
        }
        List<String> headers = names("redact_headers", settings.get("redact_headers"));
        List<String> params = names("redact_query_params", settings.get("redact_query_params"));
        List<String> fields = names("redact_json_fields", settings.get("redact_json_fields"));
        builder.redaction(RedactionRules.defaults().withAdded(headers, params, fields));
        return builder.build();
    }

    /** The threshold for records of no service, or of a service without its own. */
    public long slowThresholdMs() {
        return slowThresholdMs;
    }

    /** The threshold that applies to records of this {@code service.name}. */
    public long slowThresholdMs(String serviceName) {
        Long own = serviceName == null ? null : slowThresholdsMs.get(serviceName);
        return own != null ? own : slowThresholdMs;
    }

    /** Per-service thresholds, keyed by {@code service.name}. */
    public Map<String, Long> slowThresholdsMs() {
        return slowThresholdsMs;
    }

    public RedactionRules redaction() {
        return redaction;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnrichmentConfig)) {
            return false;
        }
        EnrichmentConfig other = (EnrichmentConfig) o;
        return slowThresholdMs == other.slowThresholdMs && slowThresholdsMs.equals(other.slowThresholdsMs)
                && redaction.equals(other.redaction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(slowThresholdMs, slowThresholdsMs, redaction);
    }

    @Override
    public String toString() {
        return "EnrichmentConfig[slowThresholdMs=" + slowThresholdMs + ", slowThresholdsMs=" + slowThresholdsMs
                + ", redaction=" + redaction + "]";
    }

    private static long milliseconds(String setting, Object value) {
        Long ms = Documents.wholeNumber(value);
        if (ms == null || ms <= 0) {
            throw new IllegalArgumentException(setting + ": must be a positive whole number of milliseconds, got "
                    + describe(value));
        }
        return ms;
    }

    private static List<String> names(String setting, Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        // Logstash hands a single-valued list setting over as a bare string.
        Collection<?> items = value instanceof Collection ? (Collection<?>) value
                : value instanceof CharSequence ? List.of(value) : null;
        if (items == null) {
            throw new IllegalArgumentException(setting + ": must be a list of names, got " + describe(value));
        }
        for (Object item : items) {
            String name = Documents.asString(item);
            if (name == null || name.trim().isEmpty()) {
                throw new IllegalArgumentException(setting + ": every name must be a non-empty string, got "
                        + describe(item));
            }
            out.add(name.trim());
        }
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown + " (" + value.getClass().getSimpleName() + ")";
    }

    /** Builds an {@link EnrichmentConfig}; each setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private long slowThresholdMs = DEFAULT_SLOW_THRESHOLD_MS;
        private final Map<String, Long> slowThresholdsMs = new LinkedHashMap<>();
        private RedactionRules redaction = RedactionRules.defaults();

        private Builder() {
        }

        public Builder slowThresholdMs(long ms) {
            if (ms <= 0) {
                throw new IllegalArgumentException("slowThresholdMs: must be positive, got " + ms);
            }
            this.slowThresholdMs = ms;
            return this;
        }

        /** A threshold of its own for the records whose {@code service.name} is exactly {@code serviceName}. */
        public Builder slowThresholdMs(String serviceName, long ms) {
            if (serviceName == null || serviceName.isEmpty()) {
                throw new IllegalArgumentException("slowThresholdMs: service name must be non-empty");
            }
            if (ms <= 0) {
                throw new IllegalArgumentException("slowThresholdMs(" + serviceName + "): must be positive, got " + ms);
            }
            slowThresholdsMs.put(serviceName, ms);
            return this;
        }

        public Builder redaction(RedactionRules rules) {
            this.redaction = Objects.requireNonNull(rules, "redaction");
            return this;
        }

        public EnrichmentConfig build() {
            return new EnrichmentConfig(this);
        }
    }
}
