package io.tapline.bench.ingest;

import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic, realistic-looking proxy traffic: request/response pairs sharing a trace id plus a few proxy
 * events, over several projects, services and containers, in time order across a window ending now. About one
 * record in ten carries a captured body of roughly 200 bytes.
 */
final class TrafficGenerator {
    private static final String[] PROJECTS = {"prj_acme", "prj_globex", "prj_initech", "prj_umbrella",
            "prj_hooli", "prj_stark"};
    private static final String[] SERVICES = {"checkout", "catalog", "accounts", "search", "media", "gateway",
            "billing", "notifications"};
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "okhttp/4.12.0", "curl/8.8.0", "python-requests/2.32.3", "Go-http-client/1.1", "kube-probe/1.30",
            "Apache-HttpClient/5.3.1 (Java/17.0.11)"};
    private static final String[] ROUTES = {"/api/v1/orders/%d", "/api/v1/orders/%d/items", "/api/v2/products/%d",
            "/api/v1/users/%s/profile", "/api/v1/carts/%s", "/search?q=%s&page=%d", "/media/img/%d.webp",
            "/api/v1/invoices/%d/pdf", "/healthz", "/api/v1/sessions"};
    private static final String[] TEMPLATES = {"/api/v1/orders/{id}", "/api/v1/orders/{id}/items",
            "/api/v2/products/{id}", "/api/v1/users/{id}/profile", "/api/v1/carts/{id}", "/search",
            "/media/img/{id}.webp", "/api/v1/invoices/{id}/pdf", "/healthz", "/api/v1/sessions"};
    private static final String[] WORDS = {"red", "shoes", "laptop", "charger", "coffee", "desk", "lamp", "gift"};
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 201,
            204, 204, 301, 304, 304, 400, 401, 403, 404, 404, 429, 500, 502, 503};
    private static final String[] EVENTS = {"upstream_connect_failure", "upstream_timeout", "route_reloaded",
            "scope-destroyed", "client_abort"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1"};
    private static final String[] TIERS = {"free", "team", "enterprise"};

    private final Random random = new Random(20261122L);
    private final String[][] containers = new String[SERVICES.length][];

    TrafficGenerator() {
        for (int s = 0; s < SERVICES.length; s++) {
            containers[s] = new String[2 + s % 2];
            for (int c = 0; c < containers[s].length; c++) {
                containers[s][c] = String.format("%012x", random.nextLong() & 0xffff_ffff_ffffL);
            }
        }
    }

    /** {@code count} records with timestamps spread evenly (with jitter) over {@code windowMs} ending at {@code endMs}. */
    List<LogRecord> generate(int count, long endMs, long windowMs) {
        long[] clock = {endMs - windowMs};
        // Ids follow the records' own timestamps, as the proxy's would have at capture time.
        IdGenerator ids = new IdGenerator(7, () -> clock[0]);
        double step = (double) windowMs / count;
        List<LogRecord> out = new ArrayList<>(count);
        while (out.size() < count) {
            long ts = endMs - windowMs + (long) (out.size() * step);
            clock[0] = ts;
            if (random.nextInt(100) < 6) {
                out.add(event(ids.nextId(), ts));
                continue;
            }
            Exchange x = exchange();
            out.add(request(ids.nextId(), ts, x));
            if (out.size() < count) {
                long responseTs = ts + x.durationMs;
                clock[0] = responseTs;
                out.add(response(ids.nextId(), responseTs, x));
            }
        }
        return out;
    }

    /** What a request and its response share. */
    private record Exchange(String traceId, String project, int service, String container, String method,
                            String url, String route, String clientIp, String userAgent, int status,
                            long durationMs, Map<String, Object> enrichment) {
    }

    private Exchange exchange() {
        int service = random.nextInt(SERVICES.length);
        String[] cs = containers[service];
        int route = random.nextInt(ROUTES.length);
        String url = switch (route) {
            case 3, 4 -> String.format(ROUTES[route], new UUID(random.nextLong(), random.nextLong()));
            case 5 -> String.format(ROUTES[route], WORDS[random.nextInt(WORDS.length)], 1 + random.nextInt(5));
            case 8, 9 -> ROUTES[route];
            default -> String.format(ROUTES[route], 10_000 + random.nextInt(9_000_000));
        };
        String method = switch (random.nextInt(10)) {
            case 0, 1 -> "POST";
            case 2 -> "PUT";
            case 3 -> "DELETE";
            default -> "GET";
        };
        String project = PROJECTS[(service + random.nextInt(2)) % PROJECTS.length];
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("route", TEMPLATES[route]);
        enrichment.put("region", REGIONS[service % REGIONS.length]);
        enrichment.put("tenant_tier", TIERS[project.length() % TIERS.length]);
        enrichment.put("upstream_attempts", 1 + (random.nextInt(20) == 0 ? 1 : 0));
        return new Exchange(new UUID(random.nextLong(), random.nextLong()).toString(), project, service,
                cs[random.nextInt(cs.length)], method, url, TEMPLATES[route], clientIp(),
                USER_AGENTS[random.nextInt(USER_AGENTS.length)], STATUSES[random.nextInt(STATUSES.length)],
                durationMs(), enrichment);
    }

    private LogRecord request(long id, long ts, Exchange x) {
        boolean hasBody = !x.method.equals("GET") && !x.method.equals("DELETE") && random.nextInt(10) < 3;
        return common(id, ts, x, Kind.REQUEST, Level.INFO)
                .bytesIn(hasBody ? 180L + random.nextInt(4_000) : 0L)
                .requestBody(hasBody ? jsonBody() : null)
                .build();
    }

    private LogRecord response(long id, long ts, Exchange x) {
        Level level = x.status >= 500 ? Level.ERROR : x.status >= 400 ? Level.WARN : Level.INFO;
        boolean hasBody = x.status >= 400 ? random.nextInt(4) == 0 : random.nextInt(20) == 0;
        return common(id, ts, x, Kind.RESPONSE, level)
                .status(x.status)
                .bytesOut(x.status == 204 || x.status == 304 ? 0L : 90L + random.nextInt(60_000))
                .durationMs(x.durationMs)
                .responseBody(hasBody ? jsonBody() : null)
                .build();
    }

    private LogRecord.Builder common(long id, long ts, Exchange x, Kind kind, Level level) {
        return LogRecord.builder().id(id).traceId(x.traceId).tsMs(ts).kind(kind).level(level)
                .projectId(x.project).containerId(x.container).serviceName(SERVICES[x.service])
                .method(x.method).url(x.url).clientIp(x.clientIp).userAgent(x.userAgent)
                .source(x.service == 5 ? Source.EDGE : Source.BACKEND)
                .requestHeaders(Map.of("accept", "application/json", "accept-encoding", "gzip, br",
                        "x-request-id", x.traceId.substring(0, 18)))
                .enrichment(x.enrichment);
    }

    private LogRecord event(long id, long ts) {
        int service = random.nextInt(SERVICES.length);
        String action = EVENTS[random.nextInt(EVENTS.length)];
        Level level = action.startsWith("upstream") ? Level.ERROR : Level.WARN;
        return LogRecord.builder().id(id).tsMs(ts).kind(Kind.EVENT).level(level)
                .projectId(PROJECTS[service % PROJECTS.length])
                .containerId(containers[service][0]).serviceName(SERVICES[service])
                .source(Source.BACKEND).action(action)
                .message(action.replace('_', ' ') + " for " + SERVICES[service] + " after "
                        + (50 + random.nextInt(30_000)) + " ms (attempt " + (1 + random.nextInt(3)) + ")")
                .enrichment(Map.of("region", REGIONS[service % REGIONS.length]))
                .build();
    }

    /** A JSON payload of about 200 bytes, as the proxy would capture and redact it. */
    private Body jsonBody() {
        String content = "{\"orderId\":" + (10_000 + random.nextInt(9_000_000))
                + ",\"customer\":{\"id\":\"" + new UUID(random.nextLong(), random.nextLong())
                + "\",\"email\":\"[REDACTED]\"},\"items\":[{\"sku\":\"SKU-" + random.nextInt(100_000)
                + "\",\"qty\":" + (1 + random.nextInt(5)) + ",\"price\":" + random.nextInt(50_000) / 100.0
                + "}],\"currency\":\"EUR\",\"shipping\":\"express\",\"note\":\"" + WORDS[random.nextInt(WORDS.length)] + " "
                + WORDS[random.nextInt(WORDS.length)] + "\"}";
        return new Body(content, random.nextInt(20) == 0, "application/json");
    }

    private String clientIp() {
        return switch (random.nextInt(10)) {
            case 0 -> "2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + "::" + Integer.toHexString(1 + random.nextInt(0xfffe));
            case 1, 2, 3 -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            default -> "203.0.113." + (1 + random.nextInt(254));
        };
    }

    /** Mostly fast, with a long tail. */
    private long durationMs() {
        double d = Math.exp(3.0 + random.nextGaussian() * 1.1);
        return Math.max(1, Math.min(60_000, Math.round(d)));
    }
}
