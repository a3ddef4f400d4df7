package io.tapline.sdk.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of an {@code event: dropped} frame: entries this stream should have carried and did not (a reader
 * too slow for the server's queue, or a resume from further back than the ring remembers). Never silent.
 *
 * @param missed how many entries were skipped (a lower bound when {@code exact} is false)
 * @param fromId the first ringSeq of the gap
 * @param toId   the last ringSeq of the gap
 * @param exact  false when {@code missed} is only a lower bound
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dropped(long missed, long fromId, long toId, Boolean exact) {

    public Dropped {
        exact = exact == null ? Boolean.TRUE : exact;
    }
}
