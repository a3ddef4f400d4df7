package io.tapline.proxy.sink;

/**
 * A snapshot of a {@link SinkPipeline}'s counters, for metrics and tests. Every record handed to
 * {@code accept} ends up written, rejected or in one of the dropped counters: none goes uncounted.
 *
 * @param accepted         records taken into the queue
 * @param written          records the writer stored (replayed ones included, drop/reject events included)
 * @param spooled          records put in the disk spool because the writer failed or the spool was not empty
 * @param replayed         records written from the spool
 * @param droppedQueueFull records refused by {@code accept} because the queue was full
 * @param droppedSpoolFull records dropped because the spool was full or its disk refused them
 * @param droppedClosed    records handed over after close, or still unwritten when close gave up
 * @param rejected         records the destination refused for good (e.g. a mapping conflict)
 * @param writeFailures    writer calls that failed with the destination unavailable
 * @param queueDepth       records waiting in the queue now
 * @param spoolBytes       bytes the spool takes on disk now
 */
public record SinkStats(long accepted, long written, long spooled, long replayed, long droppedQueueFull,
                        long droppedSpoolFull, long droppedClosed, long rejected, long writeFailures,
                        int queueDepth, long spoolBytes) {

    /** Records lost for any reason (rejections not included: the destination answered for those). */
    public long dropped() {
        return droppedQueueFull + droppedSpoolFull + droppedClosed;
    }
}
