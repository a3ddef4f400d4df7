package io.tapline.proxy.capture;

import io.tapline.proxy.routing.Route;
import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.function.LongSupplier;

/** Builds the proxy's request, response and event records, tagged with the route's tenancy. */
public final class RecordFactory {
    private final IdGenerator ids;
    private final LongSupplier clock;

    public RecordFactory(IdGenerator ids, LongSupplier clock) {
        this.ids = ids;
        this.clock = clock;
    }

    public long now() {
        return clock.getAsLong();
    }

    /**
     * The record of a request whose body has been read (or abandoned). This and {@link #response} run twice per
     * captured exchange on the event loop, so they call the record's constructor without a builder in between
     * (the builder was a tenth of capture's allocation); the fields are those {@link #event} sets with a builder.
     */
    public LogRecord request(Route route, RequestInfo info, long bytesIn, Body body) {
        return new LogRecord(ids.nextId(), info.traceId(), info.startMs(), Kind.REQUEST, Level.INFO,
                route == null ? null : route.projectId(), route == null ? null : route.containerId(),
                route == null ? null : route.serviceName(), info.method(), info.url(), info.clientIp(),
                null, bytesIn, null, null, info.userAgent(), route == null ? null : route.source(), null, null,
                info.headers(), body, null, null);
    }

    /** The record of a response that was delivered (or cut) to the client. */
    public LogRecord response(Route route, RequestInfo info, int status, long bytesOut, long durationMs, Body body) {
        Level level = status >= 500 ? Level.ERROR : status >= 400 ? Level.WARN : Level.INFO;
        long tsMs = now();
        return new LogRecord(ids.nextId(), info.traceId(), tsMs, Kind.RESPONSE, level,
                route == null ? null : route.projectId(), route == null ? null : route.containerId(),
                route == null ? null : route.serviceName(), info.method(), info.url(), info.clientIp(),
                status, null, bytesOut, durationMs, info.userAgent(), route == null ? null : route.source(), null,
                null, null, null, body, null);
    }

    /**
     * An event record; {@code route} and {@code info} may be null when the event belongs to no exchange
     * (a TLS failure, a config reload).
     */
    public LogRecord event(Route route, RequestInfo info, String action, Level level, String message, Integer status) {
        LogRecord.Builder b = info == null
                ? LogRecord.builder().id(ids.nextId()).tsMs(now()).kind(Kind.EVENT).level(level)
                .source(route == null ? null : route.source())
                : base(route, info, Kind.EVENT, level, now());
        if (route != null) {
            b.projectId(route.projectId()).containerId(route.containerId()).serviceName(route.serviceName())
                    .source(route.source());
        }
        return b.action(action).message(message).status(status).build();
    }

    /** An event record for a container, e.g. {@code scope-destroyed} after a reload removed it. */
    public LogRecord containerEvent(String projectId, String containerId, String serviceName, Source source,
                                    String action, String message) {
        return LogRecord.builder().id(ids.nextId()).tsMs(now()).kind(Kind.EVENT).level(Level.INFO)
                .projectId(projectId).containerId(containerId).serviceName(serviceName).source(source)
                .action(action).message(message).build();
    }

    private LogRecord.Builder base(Route route, RequestInfo info, Kind kind, Level level, long tsMs) {
        LogRecord.Builder b = LogRecord.builder().id(ids.nextId()).tsMs(tsMs).kind(kind).level(level)
                .traceId(info.traceId()).method(info.method()).url(info.url()).clientIp(info.clientIp())
                .userAgent(info.userAgent());
        if (route != null) {
            b.projectId(route.projectId()).containerId(route.containerId()).serviceName(route.serviceName())
                    .source(route.source());
        }
        return b;
    }
}
