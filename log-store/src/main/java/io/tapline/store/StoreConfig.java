package io.tapline.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach Elasticsearch. Built from {@code TAPLINE_ES_URL} (comma-separated URLs) and
 * {@code TAPLINE_ES_USER}/{@code _PASSWORD}/{@code _API_KEY}/{@code _CA_CERT}, or pointed at the embedded node.
 *
 * @param urls           one or more node URLs (http or https)
 * @param username       basic-auth user, or null
 * @param password       basic-auth password, or null
 * @param apiKey         an Elasticsearch API key (the base64 "id:key" form), or null
 * @param caCert         PEM file of the CA that signed the cluster's certificate, or null for the JVM default
 * @param connectTimeout connect timeout
 * @param requestTimeout socket/read timeout per request
 */
public record StoreConfig(List<URI> urls, String username, String password, String apiKey, Path caCert,
                          Duration connectTimeout, Duration requestTimeout) {
    public StoreConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("TAPLINE_ES_URL: at least one URL is required");
        }
        for (URI u : urls) {
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException("TAPLINE_ES_URL: not an http(s) URL: " + u);
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("TAPLINE_ES_USER and TAPLINE_ES_PASSWORD must be set together");
        }
        if (apiKey != null && username != null) {
            throw new IllegalArgumentException("TAPLINE_ES_API_KEY and TAPLINE_ES_USER are mutually exclusive");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** A config for one URL with no credentials and default timeouts (the embedded node). */
    public static StoreConfig of(URI url) {
        return new StoreConfig(List.of(url), null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** Parses a comma-separated URL list as given in {@code TAPLINE_ES_URL}. */
    public static List<URI> parseUrls(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("TAPLINE_ES_URL is empty");
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return URI.create(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TAPLINE_ES_URL: not a URL: " + s);
            }
        }).toList();
    }
}
