package io.tapline.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The HTTP side every resource shares: URLs under the base URL, the credential header, timeouts, and the one
 * mapping of error responses to typed exceptions. Thread-safe.
 */
final class Transport {

    private static final int MAX_MESSAGE_CHARS = 300;
    /** A Retry-After longer than this is not waited out by the automatic retry; the caller gets the 429. */
    private static final Duration MAX_AUTOMATIC_WAIT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String authHeader;
    private final String authValue;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;
    private final int rateLimitRetries;

    Transport(HttpClient http, URI baseUrl, String authHeader, String authValue, Duration requestTimeout,
              ObjectMapper mapper, int rateLimitRetries) {
        this.http = http;
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.authHeader = authHeader;
        this.authValue = authValue;
        this.requestTimeout = requestTimeout;
        this.mapper = mapper;
        this.rateLimitRetries = rateLimitRetries;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String base() {
        return base;
    }

    /** {@code path} (starting with {@code /}) under the base URL, with {@code query} percent-encoded. */
    URI uri(String path, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(base).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        // %20 rather than '+': unambiguous whatever the server's decoder thinks of '+'.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A GET of {@code path} with the credential, the request timeout and {@code Accept: accept}. */
    HttpRequest.Builder get(String path, Map<String, String> query, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path, query)).GET()
                .timeout(requestTimeout)
                .header("Accept", accept)
                .header("User-Agent", TaplineClient.USER_AGENT);
        if (authHeader != null) {
            b.header(authHeader, authValue);
        }
        return b;
    }

    /** GETs {@code path} and reads the JSON answer as {@code type}, retrying a 429 as configured. */
    <T> T getJson(String path, Map<String, String> query, JavaType type) {
        HttpRequest request = get(path, query, "application/json").build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                try {
                    return mapper.readValue(response.body(), type);
                } catch (IOException e) {
                    throw new TaplineException("unexpected answer from " + request.uri().getPath() + ": "
                            + oneLine(e.getMessage()), e);
                }
            }
            TaplineApiException error = error(response.statusCode(), response.headers(), response.body());
            if (!(error instanceof RateLimitedException limited) || attempt >= rateLimitRetries) {
                throw error;
            }
            Duration wait = limited.retryAfter().orElse(Duration.ofSeconds(1));
            if (wait.compareTo(MAX_AUTOMATIC_WAIT) > 0) {
                throw error;
            }
            sleep(wait);
        }
    }

    /** GETs {@code path} as a stream (the caller closes it); an error status is read and thrown. */
    InputStream getStream(String path, Map<String, String> query, String accept) {
        HttpRequest request = get(path, query, accept).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response.body();
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            body = new byte[0];
        }
        throw error(response.statusCode(), response.headers(), body);
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new TaplineConnectionException("no answer from " + base + " within " + requestTimeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new TaplineConnectionException("cannot reach " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaplineConnectionException("interrupted while calling " + base, e);
        }
    }

    /** The typed exception for an error response, from its body when that is the API's error body. */
    TaplineApiException error(int status, HttpHeaders headers, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String error = reason(status);
        String message = oneLine(text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text);
        try {
            JsonNode node = text.isBlank() ? null : mapper.readTree(text);
            if (node != null && node.isObject() && node.hasNonNull("message")) {
                message = node.get("message").asText();
                if (node.hasNonNull("error")) {
                    error = node.get("error").asText();
                }
            }
        } catch (IOException notJson) {
            // keep the raw text as the message: a proxy in front of the API may answer in HTML
        }
        return TaplineApiException.of(status, error, message, text,
                headers.firstValue("Retry-After").map(Transport::retryAfter).orElse(null));
    }

    /** Seconds, or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException && (m == null || m.isBlank())) {
            return "connection refused";
        }
        if (m == null || m.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? describe(e.getCause()) : e.getClass().getSimpleName();
        }
        return oneLine(m);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaplineConnectionException("interrupted while waiting to retry", e);
        }
    }
}
