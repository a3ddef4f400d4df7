package io.tapline.api.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code requests} per {@code period}, all given back at once when the period ends (a fixed window per
 * principal, so that {@code X-RateLimit-Reset} is exactly when {@code Remaining} is full again).
 */
public record RateLimit(long requests, Duration period) {

    private static final Pattern SPEC = Pattern.compile("([0-9]{1,9})\\s*/\\s*([0-9]{0,9})\\s*(ms|s|m|h)");

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1");
        }
        if (period == null || period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms");
        }
    }

    public static RateLimit perMinute(long requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    /**
     * Parses {@code <requests>/<period>}: {@code 600/1m}, {@code 60/m}, {@code 5/2s}, {@code 100/500ms},
     * {@code 1000/1h}.
     *
     * @throws IllegalArgumentException saying what the accepted form is
     */
    public static RateLimit parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("must look like 600/1m (requests per period in ms, s, m or h)");
        }
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        if (amount < 1) {
            throw new IllegalArgumentException("the period must be at least 1");
        }
        Duration period = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new RateLimit(Long.parseLong(m.group(1)), period);
    }

    @Override
    public String toString() {
        return requests + "/" + period.toMillis() + "ms";
    }
}
