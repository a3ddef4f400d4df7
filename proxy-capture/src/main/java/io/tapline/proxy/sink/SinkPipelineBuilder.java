package io.tapline.proxy.sink;

import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.LogRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Configures a {@link SinkPipeline}; {@link #build()} validates and starts it. The id generator and the event
 * template are required: drop and rejection events are records like any other and need the proxy's ids.
 */
public final class SinkPipelineBuilder {
    final BatchWriter writer;
    DiskSpool spool;
    int queueCapacity = 65_536;
    int memoryCapacity = 16_384;
    int maxBatch = 2_000;
    Duration linger = Duration.ofMillis(200);
    Duration backoffStart = Duration.ofMillis(200);
    Duration backoffMax = Duration.ofSeconds(5);
    Duration closeTimeout = Duration.ofSeconds(10);
    IdGenerator ids;
    Supplier<LogRecord> eventTemplate;
    Clock clock = Clock.systemUTC();

    SinkPipelineBuilder(BatchWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Where records wait for replay when memory is full (a slow destination) or the writer fails; null (the
     * default) keeps them in memory only. Closed with the pipeline.
     */
    public SinkPipelineBuilder spool(DiskSpool spool) {
        this.spool = spool;
        return this;
    }

    /**
     * Records the hand-off from the capturing threads holds before {@code accept} starts dropping (and counting);
     * default 65,536. It only fills when the dispatcher cannot move records on: the spool's disk is slower than
     * the traffic, or there is no spool and memory is full.
     */
    public SinkPipelineBuilder queueCapacity(int capacity) {
        this.queueCapacity = capacity;
        return this;
    }

    /**
     * Records kept in memory for the writer before the rest goes to the spool (with a spool) or the hand-off
     * backs up (without); default 16,384. Small keeps the heap and GC pauses small under a slow destination.
     */
    public SinkPipelineBuilder memoryCapacity(int capacity) {
        this.memoryCapacity = capacity;
        return this;
    }

    /** Records per writer call at most; default 2,000. */
    public SinkPipelineBuilder maxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
        return this;
    }

    /** How long a batch may wait to fill up after its first record; default 200 ms. */
    public SinkPipelineBuilder linger(Duration linger) {
        this.linger = linger;
        return this;
    }

    /** Wait after the first failure, doubled per failure up to {@code max}; default 200 ms to 5 s. */
    public SinkPipelineBuilder retryBackoff(Duration first, Duration max) {
        this.backoffStart = first;
        this.backoffMax = max;
        return this;
    }

    /** How long close may spend delivering what is queued; default 10 s. */
    public SinkPipelineBuilder closeTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
        return this;
    }

    /** The proxy's id generator, for event records. Required. */
    public SinkPipelineBuilder ids(IdGenerator ids) {
        this.ids = ids;
        return this;
    }

    /** The proxy's own identity (project, service, source) that event records start from. Required. */
    public SinkPipelineBuilder eventTemplate(Supplier<LogRecord> eventTemplate) {
        this.eventTemplate = eventTemplate;
        return this;
    }

    /** The clock for event timestamps and their once-per-second limit; default UTC system clock. */
    public SinkPipelineBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Validates the settings and starts the pipeline's thread. */
    public SinkPipeline build() {
        require(queueCapacity >= 1, "queueCapacity must be >= 1, got " + queueCapacity);
        require(memoryCapacity >= 1, "memoryCapacity must be >= 1, got " + memoryCapacity);
        require(maxBatch >= 1, "maxBatch must be >= 1, got " + maxBatch);
        require(!linger.isNegative(), "linger must not be negative, got " + linger);
        require(!closeTimeout.isNegative(), "closeTimeout must not be negative, got " + closeTimeout);
        require(ids != null, "ids: an IdGenerator is required for event records");
        require(eventTemplate != null, "eventTemplate: a template record is required for event records");
        Objects.requireNonNull(clock, "clock");
        new RetryBackoff(backoffStart, backoffMax); // validates now rather than in the thread
        return new SinkPipeline(this);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
