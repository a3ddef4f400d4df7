package io.tapline.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of the Tapline Java SDK: one client per API base URL and credential, thread-safe, cheap to
 * share. {@code client.proxyLogs().logs()} holds seed 004's calls: query, auto-paging, stats and the live tail.
 *
 * <pre>{@code
 * TaplineClient client = TaplineClient.builder().baseUrl("http://127.0.0.1:3001").apiKey(token).build();
 * for (LogEntry e : client.proxyLogs().logs().listIterator(LogsParams.builder().level("warn,error").build())) { … }
 * }</pre>
 */
public final class TaplineClient {

    /** Sent as {@code User-Agent}. */
    public static final String USER_AGENT = "tapline-sdk-java/" + version();

    private final ProxyLogs proxyLogs;

    private TaplineClient(Transport transport) {
        this.proxyLogs = new ProxyLogs(new Logs(transport));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Seed 004's proxy-logs API: {@code /api/proxy-logs/...}. */
    public ProxyLogs proxyLogs() {
        return proxyLogs;
    }

    private static String version() {
        String v = TaplineClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Configures a {@link TaplineClient}; {@link #build()} checks the configuration. */
    public static final class Builder {
        private URI baseUrl;
        private String bearerToken;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private HttpClient httpClient;
        private int rateLimitRetries;

        private Builder() {
        }

        /** The API's base URL, e.g. {@code http://127.0.0.1:3001} (admin listener) or {@code :3000} (tenants). */
        public Builder baseUrl(String baseUrl) {
            try {
                return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl").trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + e.getMessage(), e);
            }
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Authenticate with a JWT, sent as {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String jwt) {
            this.bearerToken = jwt;
            return this;
        }

        /** Authenticate with an API key (or the admin token), sent as {@code X-API-Key}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** How long opening a connection may take; default 10 s. Ignored when an {@link HttpClient} is given. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long a call may wait for the response to start; default 60 s (the live tail is not limited). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** Use this client (proxy, TLS, executor settings) instead of one of the SDK's own. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Retry a call refused with 429 up to this many times, after the server's {@code Retry-After} (at most
         * 60 s); default 0: the caller gets the {@link RateLimitedException}. The live tail always retries.
         */
        public Builder rateLimitRetries(int retries) {
            this.rateLimitRetries = retries;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or invalid */
        public TaplineClient build() {
            require(baseUrl != null, "baseUrl is required");
            String scheme = baseUrl.getScheme();
            require(("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && baseUrl.getHost() != null,
                    "baseUrl must be an http:// or https:// URL with a host, got '" + baseUrl + "'");
            require(baseUrl.getRawQuery() == null && baseUrl.getRawFragment() == null,
                    "baseUrl must not have a query or fragment");
            require(bearerToken == null || apiKey == null, "give a bearer token or an API key, not both");
            require(bearerToken == null || !bearerToken.isBlank(), "bearerToken must not be blank");
            require(apiKey == null || !apiKey.isBlank(), "apiKey must not be blank");
            require(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
                    "connectTimeout must be positive");
            require(requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero(),
                    "requestTimeout must be positive");
            require(rateLimitRetries >= 0, "rateLimitRetries must not be negative");
            HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    // HTTP/1.1: the API speaks it, and an h2c upgrade attempt would only cost a round trip.
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            ObjectMapper mapper = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            String header = bearerToken != null ? "Authorization" : apiKey != null ? "X-API-Key" : null;
            String value = bearerToken != null ? "Bearer " + bearerToken.trim() : apiKey != null ? apiKey.trim() : null;
            return new TaplineClient(new Transport(http, baseUrl, header, value, requestTimeout, mapper,
                    rateLimitRetries));
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
