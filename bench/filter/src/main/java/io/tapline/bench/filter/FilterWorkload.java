package io.tapline.bench.filter;

import io.tapline.schema.Body;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.schema.WireCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic, realistic proxy traffic as it reaches Logstash: wire lines (one ECS document each) of
 * request/response pairs sharing a trace id, about 6% proxy and service-log events, 10% captured JSON bodies,
 * ids, UUIDs and tokens in URLs, secrets in headers, query strings and bodies, a few scanner probes.
 */
final class FilterWorkload {
    private static final String[] SERVICES = {"checkout", "catalog", "accounts", "search", "media", "gateway"};
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "okhttp/4.12.0",
            "curl/8.8.0", "python-requests/2.32.3", "Go-http-client/1.1",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"};
    private static final String[] PROBES = {"/../../etc/passwd", "/search?q=%27%20OR%201%3D1--",
            "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/wp-login.php"};
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 401, 404,
            429, 500, 502, 503};
    private static final String[] LOG_LINES = {
            "2026-11-22T10:15:30.123Z [INFO] order %d accepted in %d ms",
            "2026-11-22T10:15:30+01:00 ERROR payment gateway timeout after %d ms (order %d)",
            "[DEBUG] cache miss for key user:%d took %d ms",
            "2026-11-22 10:15:30,123 WARN retrying upstream %d of %d"};
    private static final String[] EVENTS = {"upstream_timeout", "upstream_connect_failure", "client_abort",
            "route_reloaded"};

    private final Random random = new Random(20261122L);

    /** {@code count} wire lines, in capture order. */
    List<String> lines(int count) {
        List<String> out = new ArrayList<>(count);
        long id = 1_000_000L;
        long ts = 1_795_000_000_000L;
        while (out.size() < count) {
            ts += random.nextInt(40);
            if (random.nextInt(100) < 6) {
                out.add(WireCodec.toLine(event(id++, ts)));
                continue;
            }
            String trace = new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String method = random.nextInt(4) == 0 ? "POST" : "GET";
            String url = url();
            String agent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
            String ip = random.nextInt(5) == 0 ? "10.1." + random.nextInt(256) + "." + random.nextInt(256)
                    : "203.0.113." + random.nextInt(256);
            LogRecord.Builder request = common(id++, ts, trace, service, Kind.REQUEST, Level.INFO)
                    .method(method).url(url).clientIp(ip).userAgent(agent).requestHeaders(headers());
            if (method.equals("POST")) {
                request.bytesIn(200L).requestBody(random.nextInt(3) == 0 ? body() : null);
            }
            out.add(WireCodec.toLine(request.build()));
            long duration = Math.max(1, Math.round(Math.exp(3.0 + random.nextGaussian() * 1.2)));
            int status = STATUSES[random.nextInt(STATUSES.length)];
            if (out.size() < count) {
                out.add(WireCodec.toLine(common(id++, ts + duration, trace, service, Kind.RESPONSE, Level.INFO)
                        .method(method).url(url).clientIp(ip).userAgent(agent).status(status)
                        .bytesOut(status == 204 ? 0L : 90L + random.nextInt(40_000)).durationMs(duration)
                        .responseBody(status >= 400 && random.nextInt(4) == 0 ? body() : null).build()));
            }
        }
        return out;
    }

    private LogRecord.Builder common(long id, long ts, String trace, String service, Kind kind, Level level) {
        return LogRecord.builder().id(id).traceId(trace).tsMs(ts).kind(kind).level(level)
                .projectId("prj_" + service.substring(0, 3)).containerId("cnt_" + service.hashCode())
                .serviceName(service).source(Source.BACKEND)
                .enrichment(Map.of("region", "eu-west-1"));
    }

    private String url() {
        switch (random.nextInt(12)) {
            case 0:
                return PROBES[random.nextInt(PROBES.length)];
            case 1:
                return "/api/v1/sessions?access_token=" + Long.toHexString(random.nextLong()) + "&lang=en";
            case 2:
            case 3:
                return "/api/v1/users/" + new UUID(random.nextLong(), random.nextLong()) + "/profile";
            case 4:
                return "/search?q=red+shoes&page=" + (1 + random.nextInt(5));
            case 5:
                return "/media/img/" + random.nextInt(1_000_000) + ".webp";
            default:
                return "/api/v1/orders/" + (10_000 + random.nextInt(9_000_000)) + "/items/"
                        + Long.toHexString(random.nextLong());
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("accept-encoding", "gzip, br");
        if (random.nextInt(3) == 0) {
            headers.put("authorization", "Bearer " + Long.toHexString(random.nextLong()) + "."
                    + Long.toHexString(random.nextLong()));
        }
        return headers;
    }

    private Body body() {
        return new Body("{\"orderId\":" + random.nextInt(9_000_000) + ",\"customer\":{\"email\":\"a"
                + random.nextInt(1000) + "@example.com\",\"password\":\"p" + random.nextInt() + "\"},"
                + "\"items\":[{\"sku\":\"SKU-" + random.nextInt(100_000) + "\",\"qty\":2,\"price\":19.9}],"
                + "\"currency\":\"EUR\"}", false, "application/json");
    }

    private LogRecord event(long id, long ts) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        boolean serviceLog = random.nextBoolean();
        String message = serviceLog
                ? String.format(LOG_LINES[random.nextInt(LOG_LINES.length)], random.nextInt(100_000),
                        random.nextInt(5_000))
                : EVENTS[random.nextInt(EVENTS.length)].replace('_', ' ') + " after " + random.nextInt(30_000) + " ms";
        return LogRecord.builder().id(id).tsMs(ts).kind(Kind.EVENT).level(Level.WARN)
                .projectId("prj_" + service.substring(0, 3)).serviceName(service).source(Source.BACKEND)
                .action(serviceLog ? "service_log" : EVENTS[random.nextInt(EVENTS.length)]).message(message).build();
    }
}
