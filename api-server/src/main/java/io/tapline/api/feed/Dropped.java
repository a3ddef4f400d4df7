package io.tapline.api.feed;

/**
 * Frames a subscriber did not get: too slow a reader, a resume from an id the ring no longer holds, or records
 * lost before they reached the ring. Sent as {@code event: dropped}; never silent.
 *
 * @param count   frames this subscriber's filter would have delivered and did not (exact when {@code exact})
 * @param fromSeq first ringSeq of the gap
 * @param toSeq   last ringSeq of the gap; the frame carries it as its {@code id}, so resuming skips the gap
 * @param exact   false only when the gap reaches back past what the ring remembers; {@code count} is then a
 *                lower bound
 */
public record Dropped(long count, long fromSeq, long toSeq, boolean exact) {

    public Dropped {
        if (count < 0 || toSeq < fromSeq) {
            throw new IllegalArgumentException("bad gap: " + count + " frames over " + fromSeq + ".." + toSeq);
        }
    }

    /** This gap followed by {@code next}, which starts after it. */
    public Dropped plus(Dropped next) {
        return new Dropped(count + next.count, fromSeq, Math.max(toSeq, next.toSeq), exact && next.exact);
    }

    /** The frame's JSON: {@code {"missed":N,"fromId":A,"toId":B}}, plus {@code "exact":false} for a lower bound. */
    public String json() {
        return "{\"missed\":" + count + ",\"fromId\":" + fromSeq + ",\"toId\":" + toSeq
                + (exact ? "" : ",\"exact\":false") + "}";
    }
}
