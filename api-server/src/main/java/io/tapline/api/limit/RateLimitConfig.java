package io.tapline.api.limit;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The API's limits: a rate per endpoint group and the number of streams one principal may hold open at once.
 * Every principal, admin included, gets its own buckets. {@link #fromEnvironment} reads the
 * {@code TAPLINE_LIMIT_*} variables documented in the README.
 */
public record RateLimitConfig(Map<EndpointGroup, RateLimit> rates, int maxStreamsPerPrincipal) {

    public static final String SEARCH_VARIABLE = "TAPLINE_LIMIT_SEARCH";
    public static final String STATS_VARIABLE = "TAPLINE_LIMIT_STATS";
    public static final String STREAM_VARIABLE = "TAPLINE_LIMIT_STREAM_CONNECT";
    public static final String STREAMS_VARIABLE = "TAPLINE_LIMIT_STREAMS";

    public static final RateLimit DEFAULT_SEARCH = RateLimit.perMinute(600);
    public static final RateLimit DEFAULT_STATS = RateLimit.perMinute(120);
    public static final RateLimit DEFAULT_STREAM = RateLimit.perMinute(60);
    public static final int DEFAULT_MAX_STREAMS = 20;

    public RateLimitConfig {
        Objects.requireNonNull(rates, "rates");
        EnumMap<EndpointGroup, RateLimit> copy = new EnumMap<>(EndpointGroup.class);
        copy.putAll(rates);
        for (EndpointGroup group : EndpointGroup.values()) {
            if (copy.get(group) == null) {
                throw new IllegalArgumentException("no rate for " + group.label());
            }
        }
        if (maxStreamsPerPrincipal < 1) {
            throw new IllegalArgumentException("maxStreamsPerPrincipal must be at least 1");
        }
        rates = Map.copyOf(copy);
    }

    public static RateLimitConfig defaults() {
        return new RateLimitConfig(Map.of(EndpointGroup.SEARCH, DEFAULT_SEARCH, EndpointGroup.STATS, DEFAULT_STATS,
                EndpointGroup.STREAM, DEFAULT_STREAM), DEFAULT_MAX_STREAMS);
    }

    /** This configuration with {@code group} limited to {@code rate}. */
    public RateLimitConfig with(EndpointGroup group, RateLimit rate) {
        EnumMap<EndpointGroup, RateLimit> copy = new EnumMap<>(rates);
        copy.put(group, rate);
        return new RateLimitConfig(copy, maxStreamsPerPrincipal);
    }

    /** This configuration with a different concurrent-stream cap. */
    public RateLimitConfig withMaxStreams(int maxStreams) {
        return new RateLimitConfig(rates, maxStreams);
    }

    public RateLimit rate(EndpointGroup group) {
        return rates.get(group);
    }

    /**
     * The defaults overridden by {@code TAPLINE_LIMIT_SEARCH}, {@code _STATS}, {@code _STREAM_CONNECT} (each
     * {@code <requests>/<period>}, e.g. {@code 600/1m}) and {@code TAPLINE_LIMIT_STREAMS} (an integer).
     *
     * @throws IllegalArgumentException whose message starts with the variable's name
     */
    public static RateLimitConfig fromEnvironment(Map<String, String> env) {
        RateLimitConfig config = defaults();
        config = override(config, env, SEARCH_VARIABLE, EndpointGroup.SEARCH);
        config = override(config, env, STATS_VARIABLE, EndpointGroup.STATS);
        config = override(config, env, STREAM_VARIABLE, EndpointGroup.STREAM);
        String streams = env.get(STREAMS_VARIABLE);
        if (streams != null && !streams.isBlank()) {
            int max;
            try {
                max = Integer.parseInt(streams.trim());
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1) {
                throw new IllegalArgumentException(STREAMS_VARIABLE + ": must be a positive integer, got '"
                        + streams.trim() + "'");
            }
            config = config.withMaxStreams(max);
        }
        return config;
    }

    private static RateLimitConfig override(RateLimitConfig config, Map<String, String> env, String variable,
                                            EndpointGroup group) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return config;
        }
        try {
            return config.with(group, RateLimit.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage() + ", got '" + value.trim() + "'", e);
        }
    }
}
