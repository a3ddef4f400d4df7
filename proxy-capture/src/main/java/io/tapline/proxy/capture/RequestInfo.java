package io.tapline.proxy.capture;

import java.util.Map;

/**
 * What the proxy learned from a request's head, already redacted: the part that request, response and
 * event records of one exchange share.
 *
 * @param traceId   pairs the exchange's records (W3C trace id, X-Request-Id, or generated)
 * @param startMs   when the request head arrived, epoch ms
 * @param startNanos the same instant on the monotonic clock, for durations
 * @param method    HTTP method
 * @param url       the request target with secret query parameters redacted
 * @param clientIp  the client, after trusted X-Forwarded-For handling
 * @param userAgent the User-Agent header, or null
 * @param headers   allow-listed request headers (lower-case names), secrets redacted
 */
public record RequestInfo(String traceId, long startMs, long startNanos, String method, String url,
                          String clientIp, String userAgent, Map<String, String> headers) {
}
