package io.tapline.sdk;

import io.tapline.sdk.logs.LogEntry;
import io.tapline.sdk.logs.LogsPage;
import io.tapline.sdk.logs.LogsParams;
import io.tapline.sdk.logs.Paging;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every entry of a query, one page at a time: with {@link Paging#AFTER_ID} each request asks for the ids after
 * the last one seen, with {@link Paging#CURSOR} it sends the previous page's {@code nextCursor}. Each entry is
 * returned once. Also {@link Iterable}, for a for-each loop; single use, not thread-safe.
 */
public final class LogIterator implements Iterator<LogEntry>, Iterable<LogEntry> {

    private final Logs logs;
    private final LogsParams base;
    private final Paging paging;
    private List<LogEntry> page = List.of();
    private int index;
    private Long afterId;
    private String cursor;
    private boolean lastPage;
    private Long total;
    private long returned;
    private int pages;

    LogIterator(Logs logs, LogsParams base, Paging paging) {
        if (paging == Paging.AFTER_ID && (base.offset() != null && base.offset() > 0 || base.last() != null
                || base.cursor() != null)) {
            throw new IllegalArgumentException("afterId paging cannot be combined with offset, last or cursor");
        }
        if (paging == Paging.CURSOR && (base.afterId() != null || base.offset() != null && base.offset() > 0)) {
            throw new IllegalArgumentException("cursor paging cannot be combined with afterId or offset");
        }
        this.logs = logs;
        this.base = base;
        this.paging = paging;
        this.afterId = base.afterId() != null ? base.afterId() : 0L;
        this.cursor = base.cursor() != null ? base.cursor() : ""; // an empty cursor starts a fanout
    }

    @Override
    public boolean hasNext() {
        while (index >= page.size()) {
            if (lastPage) {
                return false;
            }
            fetch();
        }
        return true;
    }

    @Override
    public LogEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return page.get(index++);
    }

    @Override
    public Iterator<LogEntry> iterator() {
        return this;
    }

    /**
     * The {@code total} the first page reported: how many entries the iteration will return, as far as the server
     * knew when it started (fetches the first page if needed).
     */
    public long total() {
        if (total == null && !lastPage) {
            hasNext();
        }
        return total == null ? 0 : total;
    }

    /** Entries returned so far. */
    public long returned() {
        return returned;
    }

    /** Pages fetched so far. */
    public int pages() {
        return pages;
    }

    private void fetch() {
        LogsParams.Builder b = base.toBuilder();
        if (paging == Paging.AFTER_ID) {
            b.afterId(afterId).offset(null);
        } else {
            b.cursor(cursor);
        }
        LogsPage p = logs.list(b.build());
        pages++;
        if (total == null) {
            total = p.total();
        }
        page = p.entries();
        index = 0;
        if (paging == Paging.AFTER_ID) {
            for (LogEntry e : page) {
                afterId = Math.max(afterId, e.id());
            }
            if (p.nextCursor() != null && p.nextCursor().matches("[0-9]{1,19}")) {
                afterId = Math.max(afterId, Long.parseLong(p.nextCursor())); // the server's word for where to go on
            }
            // A short page is the last one; hasMore, when the server sends it, says so exactly.
            lastPage = page.isEmpty() || (p.hasMore() != null ? !p.hasMore() : page.size() < p.limit());
        } else {
            cursor = p.nextCursor();
            lastPage = cursor == null || cursor.isEmpty() || Boolean.FALSE.equals(p.hasMore());
        }
    }
}
