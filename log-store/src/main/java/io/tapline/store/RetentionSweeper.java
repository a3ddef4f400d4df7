package io.tapline.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.tapline.schema.IndexNames;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention for clusters without ILM (the embedded node): deletes whole daily indices whose day ended
 * more than the retention ago. With ILM the policy's delete phase does this instead.
 */
public final class RetentionSweeper {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final ElasticsearchClient client;
    private final int retentionDays;
    private final Clock clock;

    public RetentionSweeper(ElasticsearchConnection connection, int retentionDays, Clock clock) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
        this.client = connection.client();
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /** Converts a retention such as {@code 30d} or {@code 48h} to whole days (at least 1). */
    public static int days(String retention) {
        if (retention == null || !retention.matches("[1-9][0-9]{0,5}[dhms]")) {
            throw new IllegalArgumentException("retention must look like 30d, 48h, 90m or 3600s");
        }
        long n = Long.parseLong(retention.substring(0, retention.length() - 1));
        long seconds = switch (retention.charAt(retention.length() - 1)) {
            case 'd' -> n * 86_400;
            case 'h' -> n * 3_600;
            case 'm' -> n * 60;
            default -> n;
        };
        return (int) Math.max(1, (seconds + 86_399) / 86_400);
    }

    /** Deletes the expired daily indices and returns their names. */
    public List<String> sweep() {
        LocalDate oldestKept = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(retentionDays);
        List<String> expired = new ArrayList<>();
        try {
            for (var index : client.cat().indices(c -> c.index(IndexNames.PATTERN)).valueBody()) {
                String name = index.index();
                if (name == null || !name.startsWith(IndexNames.PREFIX)) {
                    continue;
                }
                try {
                    LocalDate day = LocalDate.parse(name.substring(IndexNames.PREFIX.length()), DAY);
                    if (day.isBefore(oldestKept)) {
                        expired.add(name);
                    }
                } catch (DateTimeParseException e) {
                    // not one of our daily indices: leave it alone
                }
            }
            if (!expired.isEmpty()) {
                client.indices().delete(d -> d.index(expired));
            }
            return expired;
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }
}
