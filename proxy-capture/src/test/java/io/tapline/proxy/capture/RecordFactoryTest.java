package io.tapline.proxy.capture;

import io.tapline.proxy.routing.Route;
import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFactoryTest {
    private static final Route ROUTE = new Route("orders", "api.example.com", "/orders",
            List.of(URI.create("http://orders:8080")), "proj_a1b2c3d4", "cnt_orders_1", "orders", Source.EDGE,
            Route.Capture.defaults(), Route.Timeouts.defaults());
    private static final RequestInfo INFO = new RequestInfo("4bf92f3577b34da6a3ce929d0e0e4736", 1_700_000_000_123L,
            42L, "POST", "/orders?token=[REDACTED]", "203.0.113.7", "curl/8.5",
            Map.of("content-type", "application/json", "authorization", "[REDACTED]"));

    private final RecordFactory records = new RecordFactory(new IdGenerator(5), () -> 1_700_000_000_456L);

    @Test
    void aRequestRecordHoldsTheRequestAndTheRoutesTenancyAndNothingOfAResponse() {
        Body body = new Body("{\"a\":1}", false, "application/json");
        LogRecord r = records.request(ROUTE, INFO, 7L, body);
        LogRecord expected = LogRecord.builder().id(r.id()).tsMs(1_700_000_000_123L).kind(Kind.REQUEST)
                .level(Level.INFO).traceId(INFO.traceId()).method("POST").url(INFO.url()).clientIp("203.0.113.7")
                .userAgent("curl/8.5").projectId("proj_a1b2c3d4").containerId("cnt_orders_1").serviceName("orders")
                .source(Source.EDGE).bytesIn(7L).requestHeaders(INFO.headers()).requestBody(body).build();
        assertThat(r).isEqualTo(expected);
        assertThat(r.id()).isNotZero();
    }

    @Test
    void aResponseRecordIsStampedNowWithALevelByStatus() {
        Body body = new Body("oops", true, "text/plain");
        for (int status : new int[]{200, 302, 404, 499, 500, 503}) {
            LogRecord r = records.response(ROUTE, INFO, status, 1024L, 12L, body);
            Level level = status >= 500 ? Level.ERROR : status >= 400 ? Level.WARN : Level.INFO;
            LogRecord expected = LogRecord.builder().id(r.id()).tsMs(1_700_000_000_456L).kind(Kind.RESPONSE)
                    .level(level).traceId(INFO.traceId()).method("POST").url(INFO.url()).clientIp("203.0.113.7")
                    .userAgent("curl/8.5").projectId("proj_a1b2c3d4").containerId("cnt_orders_1")
                    .serviceName("orders").source(Source.EDGE).status(status).bytesOut(1024L).durationMs(12L)
                    .responseBody(body).build();
            assertThat(r).as("status %d", status).isEqualTo(expected);
        }
    }

    @Test
    void withoutARouteTheTenancyIsLeftOutAndEveryRecordGetsItsOwnId() {
        LogRecord req = records.request(null, INFO, 0L, null);
        LogRecord resp = records.response(null, INFO, 404, 0L, 1L, null);
        for (LogRecord r : List.of(req, resp)) {
            assertThat(r.projectId()).isNull();
            assertThat(r.containerId()).isNull();
            assertThat(r.serviceName()).isNull();
            assertThat(r.source()).isNull();
            assertThat(r.traceId()).isEqualTo(INFO.traceId());
            assertThat(r.enrichment()).isEmpty();
        }
        assertThat(req.requestHeaders()).isEqualTo(INFO.headers());
        assertThat(resp.requestHeaders()).isEmpty();
        assertThat(resp.id()).isNotEqualTo(req.id());
    }
}
