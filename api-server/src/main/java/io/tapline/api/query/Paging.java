package io.tapline.api.query;

/** How a logs request pages through its matches; exactly one mode per request. */
public sealed interface Paging {

    /** Seed 004's default: {@code limit} entries newest first, after skipping {@code offset}. */
    record Offset(int limit, int offset) implements Paging {
    }

    /** {@code last}: the newest {@code count} settled entries by id, returned oldest first (like {@code tail -n}). */
    record Last(int count) implements Paging {
    }

    /** {@code afterId}: up to {@code limit} settled entries with an id greater than {@code afterId}, by id ascending. */
    record AfterId(long afterId, int limit) implements Paging {
    }

    /** {@code cursor}: the admin fanout over a snapshot; {@code cursor} is empty for the first page. */
    record Fanout(String cursor, int limit) implements Paging {
    }

    /** {@code format=ndjson|csv}: every match, streamed. */
    record Everything() implements Paging {
    }
}
