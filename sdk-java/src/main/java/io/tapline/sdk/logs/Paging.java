package io.tapline.sdk.logs;

/** How an auto-paging iterator walks the results. */
public enum Paging {
    /** By the {@code afterId} row cursor: ascending ids, each page starting after the last id seen. */
    AFTER_ID,
    /** By the signed cross-tenant fanout {@code cursor} of each page's {@code nextCursor} (admin, fanout on). */
    CURSOR
}
