package io.tapline.sdk.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of an {@code event: reset} frame: the {@code Last-Event-ID} the stream resumed from belongs to an
 * earlier run of the server (it restarted), so the ids start afresh. The stream has already discarded its
 * old id; entries from before the reset may have been missed.
 *
 * @param reason  the server's explanation
 * @param firstId the ringSeq of the first entry after the reset, when the server says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reset(String reason, Long firstId) {
}
