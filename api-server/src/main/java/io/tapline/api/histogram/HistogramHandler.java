package io.tapline.api.histogram;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.QueryParameters;
import io.tapline.api.params.ParameterReader;
import io.tapline.api.query.FilterParameters;
import io.tapline.api.query.FilterRequest;
import io.tapline.store.aggregate.AggregateStore;
import io.tapline.store.aggregate.Histogram;
import io.tapline.store.aggregate.TimeGrid;
import io.tapline.store.filter.LogFilter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

import java.time.Clock;

import static io.tapline.api.histogram.HistogramParameters.INTERVAL;

/**
 * {@code GET /api/proxy-logs/_logs/histogram}: the logs query's filters, scoped to the caller exactly as the
 * search is, counted per interval over the requested range. Every parameter is checked, and the bucket count
 * bounded, before the caller's scope is resolved and before Elasticsearch is asked anything.
 */
public final class HistogramHandler implements HttpHandler {

    private final AggregateStore store;
    private final JsonResponses json;
    private final Clock clock;

    /** @param clock where "now" comes from, the default end of the range */
    public HistogramHandler(AggregateStore store, JsonResponses json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ParameterReader reader = new ParameterReader(QueryParameters.parse(exchange.getQueryString()),
                HistogramParameters.ALL, "the log histogram");
        FilterRequest request = FilterParameters.parse(reader);
        String intervalText = reader.string(INTERVAL);
        LogFilter asked = request.filter();
        long toMs = asked.toMs() != null ? asked.toMs() : clock.millis();
        long fromMs = asked.fromMs() != null ? asked.fromMs() : Math.max(0, toMs - HistogramParameters.DEFAULT_RANGE_MS);
        if (fromMs >= toMs) {
            throw ApiException.badRequest("the histogram's time range is empty: its start (fromTimestamp or since) "
                    + "must be before its end (toTimestamp or until, default now)");
        }
        HistogramInterval interval = intervalText == null || intervalText.equals("auto")
                ? HistogramInterval.auto(fromMs, toMs) : HistogramInterval.parse(intervalText);
        if (interval == null) {
            throw ParameterReader.invalid(INTERVAL);
        }
        long buckets = TimeGrid.bucketCount(fromMs, toMs, interval.ms());
        if (buckets > HistogramInterval.MAX_BUCKETS) {
            throw ApiException.badRequest("interval " + interval.label() + " splits the time range into " + buckets
                    + " buckets; at most " + HistogramInterval.MAX_BUCKETS
                    + " are allowed: use a longer interval or a shorter range");
        }
        LogFilter filter = request.scopedTo(AuthenticatingHandler.principal(exchange));
        Histogram histogram = store.histogram(filter, new TimeGrid(fromMs, toMs, interval.ms()));
        json.send(exchange, StatusCodes.OK, HistogramResponse.of(histogram, interval));
    }
}
