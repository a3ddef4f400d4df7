package io.tapline.sdk.logs;

import java.util.Locale;

/** How an export streams every matching entry: one JSON entry per line, or RFC 4180 CSV with a header row. */
public enum ExportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type asked for in {@code Accept}. */
    public String mediaType() {
        return mediaType;
    }

    /** The {@code format} parameter's value. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
