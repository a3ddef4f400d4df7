package io.tapline.cli.setup;

import io.tapline.store.IndexMode;
import io.tapline.store.StoreConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code tapline setup} needs, read once from the environment (the same {@code TAPLINE_ES_*} variables
 * as {@code serve}) and validated, with an error naming the variable at fault.
 *
 * @param dataDir      {@code TAPLINE_DATA_DIR}: where the embedded node keeps its data when no cluster is given
 * @param esUrls       {@code TAPLINE_ES_URL}; empty means the embedded node
 * @param retention    {@code TAPLINE_RETENTION}, default 30d: the ILM delete phase
 * @param esHeapMb     {@code TAPLINE_ES_HEAP_MB}, default 512: the embedded node's heap
 * @param mode         daily indices, or data streams ({@code --data-stream})
 * @param kibanaUrl    {@code TAPLINE_KIBANA_URL}: Kibana's base URL, or null to skip the saved objects
 * @param kibanaSpace  {@code TAPLINE_KIBANA_SPACE}: the Kibana space to import into, or null for the default space
 * @param kibanaAuth   the {@code Authorization} header for Kibana, or null
 * @param kibanaCaCert {@code TAPLINE_KIBANA_CA_CERT} (default {@code TAPLINE_ES_CA_CERT}): CA of Kibana's certificate
 */
public record SetupConfig(Path dataDir, List<URI> esUrls, String esUser, String esPassword, String esApiKey,
                          Path esCaCert, String retention, int esHeapMb, IndexMode mode, URI kibanaUrl,
                          String kibanaSpace, String kibanaAuth, Path kibanaCaCert) {

    static SetupConfig fromEnvironment(Map<String, String> env, boolean dataStream) {
        String esUrl = value(env, "TAPLINE_ES_URL");
        String esUser = value(env, "TAPLINE_ES_USER");
        String esPassword = value(env, "TAPLINE_ES_PASSWORD");
        String esApiKey = value(env, "TAPLINE_ES_API_KEY");
        Path esCaCert = path(env, "TAPLINE_ES_CA_CERT");
        List<URI> esUrls = esUrl == null ? List.of() : StoreConfig.parseUrls(esUrl);
        if (!esUrls.isEmpty()) {
            // validates the URLs and the credential combination exactly as serve does
            new StoreConfig(esUrls, esUser, esPassword, esApiKey, esCaCert, Duration.ofSeconds(5), Duration.ofSeconds(60));
        }
        String kibana = value(env, "TAPLINE_KIBANA_URL");
        URI kibanaUrl = kibana == null ? null : kibanaUrl(kibana);
        String space = value(env, "TAPLINE_KIBANA_SPACE");
        if (space != null && !space.matches("[a-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("TAPLINE_KIBANA_SPACE: a space id is lower-case letters, digits,"
                    + " '_' and '-', got '" + shorten(space) + "'");
        }
        Path kibanaCa = path(env, "TAPLINE_KIBANA_CA_CERT");
        return new SetupConfig(
                Path.of(env.getOrDefault("TAPLINE_DATA_DIR", "tapline-data")),
                esUrls, esUser, esPassword, esApiKey, esCaCert,
                env.getOrDefault("TAPLINE_RETENTION", "30d"),
                heapMb(env),
                dataStream ? IndexMode.DATA_STREAM : IndexMode.DAILY_INDICES,
                kibanaUrl, space,
                kibanaAuth(env, esUser, esPassword, esApiKey),
                kibanaCa != null ? kibanaCa : esCaCert);
    }

    /** Without the secrets, so that the record never prints a password or an API key. */
    @Override
    public String toString() {
        return "SetupConfig[dataDir=" + dataDir + ", esUrls=" + esUrls + ", esUser=" + esUser + ", esCaCert=" + esCaCert
                + ", retention=" + retention + ", mode=" + mode + ", kibanaUrl=" + kibanaUrl + ", kibanaSpace="
                + kibanaSpace + ", kibanaCaCert=" + kibanaCaCert + "]";
    }

    boolean embedded() {
        return esUrls.isEmpty();
    }

    StoreConfig storeConfig() {
        return new StoreConfig(esUrls, esUser, esPassword, esApiKey, esCaCert, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    /**
     * Kibana's credentials: {@code TAPLINE_KIBANA_USER}/{@code _PASSWORD} or {@code TAPLINE_KIBANA_API_KEY}; when
     * neither is set, the Elasticsearch ones, since Kibana authenticates against the same cluster's users.
     */
    private static String kibanaAuth(Map<String, String> env, String esUser, String esPassword, String esApiKey) {
        String user = value(env, "TAPLINE_KIBANA_USER");
        String password = value(env, "TAPLINE_KIBANA_PASSWORD");
        String apiKey = value(env, "TAPLINE_KIBANA_API_KEY");
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("TAPLINE_KIBANA_USER and TAPLINE_KIBANA_PASSWORD must be set together");
        }
        if (user != null && apiKey != null) {
            throw new IllegalArgumentException("TAPLINE_KIBANA_API_KEY and TAPLINE_KIBANA_USER are mutually exclusive");
        }
        if (user == null && apiKey == null) {
            user = esUser;
            password = esPassword;
            apiKey = esApiKey;
        }
        if (apiKey != null) {
            return "ApiKey " + apiKey;
        }
        if (user != null) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static URI kibanaUrl(String raw) {
        URI uri;
        try {
            uri = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TAPLINE_KIBANA_URL: not a URL: " + shorten(raw));
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("TAPLINE_KIBANA_URL: not an http(s) base URL: " + shorten(raw));
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private static int heapMb(Map<String, String> env) {
        String raw = value(env, "TAPLINE_ES_HEAP_MB");
        if (raw == null) {
            return 512;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 128 && v <= 32_768) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("TAPLINE_ES_HEAP_MB must be an integer between 128 and 32768, got '"
                + shorten(raw) + "'");
    }

    private static Path path(Map<String, String> env, String name) {
        String v = value(env, name);
        return v == null ? null : Path.of(v);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
