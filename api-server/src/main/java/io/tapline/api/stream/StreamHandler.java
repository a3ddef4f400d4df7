package io.tapline.api.stream;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.auth.Principal;
import io.tapline.api.feed.FeedFilter;
import io.tapline.api.http.QueryParameters;
import io.tapline.api.limit.StreamSlots;
import io.tapline.api.query.ProjectScope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.util.Set;

/**
 * {@code GET /api/proxy-logs/_logs/stream}: validates the parameters, narrows the stream to what the caller may
 * read (a tenant never gets more than its own projects, whatever {@code projectId} it sends), takes one of the
 * caller's stream slots and hands the exchange to the {@link StreamHub}. Everything that can fail becomes an
 * error response before the {@code 200} starts.
 */
public final class StreamHandler implements HttpHandler {

    private static final HttpString LAST_EVENT_ID = HttpString.tryFromString("Last-Event-ID");

    private final StreamHub hub;
    private final StreamSlots slots;

    public StreamHandler(StreamHub hub, StreamSlots slots) {
        this.hub = hub;
        this.slots = slots;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Principal principal = AuthenticatingHandler.principal(exchange);
        StreamParams params = StreamParams.parse(QueryParameters.parse(exchange.getQueryString()),
                exchange.getRequestHeaders().getFirst(LAST_EVENT_ID));
        Set<String> projects = ProjectScope.resolve(principal, params.projectId());
        FeedFilter filter = new FeedFilter(projects, params.containerId(), params.kinds(), params.levels());
        StreamSlots.Slot slot = slots.acquire(principal);
        try {
            hub.open(exchange, filter, params.lastEventId(), slot::release);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }
}
