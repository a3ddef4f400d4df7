package io.tapline.api.limit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitConfigTest {

    @Test
    void parsesRequestsPerPeriodInEveryUnit() {
        assertThat(RateLimit.parse("600/1m")).isEqualTo(new RateLimit(600, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("60/m")).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse(" 5 / 2s ")).isEqualTo(new RateLimit(5, Duration.ofSeconds(2)));
        assertThat(RateLimit.parse("100/500ms")).isEqualTo(new RateLimit(100, Duration.ofMillis(500)));
        assertThat(RateLimit.parse("1000/1H")).isEqualTo(new RateLimit(1000, Duration.ofHours(1)));
    }

    @Test
    void environmentOverridesTheDefaultsAndABadValueNamesItsVariable() {
        RateLimitConfig config = RateLimitConfig.fromEnvironment(Map.of("TAPLINE_LIMIT_SEARCH", "10/1s",
                "TAPLINE_LIMIT_STREAMS", "3"));
        assertThat(config.rate(EndpointGroup.SEARCH)).isEqualTo(new RateLimit(10, Duration.ofSeconds(1)));
        assertThat(config.rate(EndpointGroup.STREAM)).isEqualTo(RateLimitConfig.DEFAULT_STREAM);
        assertThat(config.maxStreamsPerPrincipal()).isEqualTo(3);

        assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("TAPLINE_LIMIT_STREAM_CONNECT", "lots")))
                .hasMessageStartingWith("TAPLINE_LIMIT_STREAM_CONNECT: must look like 600/1m");
        assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("TAPLINE_LIMIT_STATS", "0/1m")))
                .hasMessageStartingWith("TAPLINE_LIMIT_STATS: ");
        assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("TAPLINE_LIMIT_STREAMS", "-1")))
                .hasMessageStartingWith("TAPLINE_LIMIT_STREAMS: must be a positive integer");
        assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("TAPLINE_LIMIT_SEARCH", "5/0s")))
                .hasMessageStartingWith("TAPLINE_LIMIT_SEARCH: ");
    }
}
