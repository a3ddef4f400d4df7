package io.tapline.api.export;

import java.util.Locale;

/** What a logs request answers with: a JSON page, or every match as NDJSON or CSV. */
public enum OutputFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    private final String mediaType;

    OutputFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format an {@code Accept} header asks for when no {@code format} parameter is given. */
    public static OutputFormat fromAccept(String accept) {
        if (accept == null) {
            return JSON;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        if (lower.contains(NDJSON.mediaType)) {
            return NDJSON;
        }
        if (lower.contains(CSV.mediaType)) {
            return CSV;
        }
        return JSON;
    }
}
