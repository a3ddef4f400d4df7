package io.tapline.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names of the Elasticsearch objects Tapline owns: daily indices, their pattern, the template and the ILM policy. */
public final class IndexNames {
    public static final String PREFIX = "tapline-logs-";
    /** Matches every daily index; what queries and the Kibana data view target. */
    public static final String PATTERN = PREFIX + "*";
    public static final String TEMPLATE_NAME = "tapline-logs";
    public static final String ILM_POLICY_NAME = "tapline-logs";

    // Daily, in UTC, so an index holds the same day wherever the proxy runs.
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

    private IndexNames() {
    }

    /** The daily index of a record captured at {@code tsMs}, e.g. {@code tapline-logs-2024.06.12}. */
    public static String dailyIndex(long tsMs) {
        return PREFIX + DAY.format(Instant.ofEpochMilli(tsMs));
    }

    /** The daily index of a UTC day. */
    public static String dailyIndex(LocalDate day) {
        return PREFIX + DAY.format(day);
    }
}
