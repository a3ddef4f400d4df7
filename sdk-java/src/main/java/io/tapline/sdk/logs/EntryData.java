package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry's {@code data} object: seed 004's transfer sizes, latency and user agent, plus any field a newer
 * server adds (kept in {@link #other()} so that nothing is lost on the way through).
 *
 * @param bytesIn    request body bytes (request entries)
 * @param bytesOut   response body bytes (response entries)
 * @param durationMs upstream latency (response entries)
 * @param userAgent  the client's {@code User-Agent}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bytesIn", "bytesOut", "durationMs", "userAgent"})
public record EntryData(Long bytesIn, Long bytesOut, Long durationMs, String userAgent,
                        @JsonAnySetter Map<String, Object> other) {

    public EntryData {
        other = other == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** Fields this SDK has no component for, in no particular order. */
    @Override
    @JsonAnyGetter
    public Map<String, Object> other() {
        return other;
    }
}
