package io.tapline.api.limit;

/** The endpoint groups that have a rate limit of their own, each with the message its 429 carries. */
public enum EndpointGroup {
    SEARCH("search", "Rate limit exceeded for log search"),
    STATS("stats", "Rate limit exceeded for log stats"),
    /** Opening a stream; a stream once open is bounded by the concurrent-stream cap instead. */
    STREAM("stream connect", "Rate limit exceeded for log stream");

    private final String label;
    private final String message;

    EndpointGroup(String label, String message) {
        this.label = label;
        this.message = message;
    }

    public String label() {
        return label;
    }

    /** The 429 message (seed 004's for the stream). */
    public String message() {
        return message;
    }
}
