package io.tapline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.feed.ElasticsearchTailSource;
import io.tapline.api.feed.InProcessSource;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.enrich.Enricher;
import io.tapline.proxy.sink.RecordSink;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.LogRecord;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.tail.ElasticsearchTail;

import java.nio.file.Path;
import java.util.Map;

/**
 * The live feed of {@code tapline serve}: the ring the SSE tail reads (ringSeq persisted under the data
 * directory), filled in-process from the proxy's sink path when records go to Elasticsearch directly, or by the
 * Elasticsearch tail follower otherwise (Logstash deployments, an API without a proxy); and the API's rate limits.
 * Both read from the environment: {@code TAPLINE_STREAM_RING}, {@code TAPLINE_LIMIT_*}.
 */
final class LiveFeedSetup implements AutoCloseable {

    static final String RING_VARIABLE = "TAPLINE_STREAM_RING";
    static final String STATE_FILE = "live-feed-seq";

    private final RingFeed feed;
    private final RateLimitConfig rateLimits;
    private InProcessSource inProcess;
    private ElasticsearchTailSource follower;

    private LiveFeedSetup(RingFeed feed, RateLimitConfig rateLimits) {
        this.feed = feed;
        this.rateLimits = rateLimits;
    }

    /** @throws ConfigException naming the variable that is invalid */
    static LiveFeedSetup create(Map<String, String> env, Path dataDir, ObjectMapper mapper) {
        int ring = RingFeed.DEFAULT_CAPACITY;
        String raw = env.get(RING_VARIABLE);
        if (raw != null && !raw.isBlank()) {
            try {
                ring = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                ring = 0;
            }
            if (ring < 1 || ring > 10_000_000) {
                throw new ConfigException(RING_VARIABLE + ": must be an integer between 1 and 10000000, got '"
                        + raw.trim() + "'");
            }
        }
        RateLimitConfig limits;
        try {
            limits = RateLimitConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        SeqEpoch epoch = SeqEpoch.persistent(dataDir.resolve(STATE_FILE), System::currentTimeMillis);
        return new LiveFeedSetup(new RingFeed(ring, epoch, ApiCodec::toEntry, mapper), limits);
    }

    RingFeed feed() {
        return feed;
    }

    RateLimitConfig rateLimits() {
        return rateLimits;
    }

    /**
     * The sink the proxy hands records to: {@code pipeline}, and for the direct sink also the live feed, which
     * shows each record enriched as the direct sink stores it.
     */
    RecordSink tap(RecordSink pipeline, SinkSettings.Mode mode, Enricher enricher) {
        if (mode != SinkSettings.Mode.DIRECT) {
            return pipeline;
        }
        InProcessSource source = new InProcessSource(feed,
                record -> EcsCodec.fromDocument(enricher.enrich(EcsCodec.toDocument(record))),
                InProcessSource.DEFAULT_QUEUE_CAPACITY);
        inProcess = source;
        return new RecordSink() {
            @Override
            public void accept(LogRecord record) {
                pipeline.accept(record);
                source.publish(record);
            }

            @Override
            public void close() {
                pipeline.close();
            }
        };
    }

    /** Starts the Elasticsearch tail follower unless the proxy's sink path already publishes in-process. */
    void followElasticsearchUnlessTapped(ElasticsearchConnection connection) {
        if (inProcess == null) {
            follower = new ElasticsearchTailSource(feed, new ElasticsearchTail(connection),
                    ElasticsearchTailSource.DEFAULT_POLL, ElasticsearchTailSource.DEFAULT_SETTLE,
                    System::currentTimeMillis);
        }
    }

    /** Which source fills the feed, for the start-up lines. */
    String describe() {
        return (inProcess != null ? "in-process from the proxy's sink path" : "following Elasticsearch")
                + ", ring of " + feedCapacity() + " entries";
    }

    private String feedCapacity() {
        return Integer.toString(feed.capacity());
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (follower != null) {
            follower.close();
        }
    }
}
