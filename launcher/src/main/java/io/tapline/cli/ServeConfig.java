package io.tapline.cli;

import io.tapline.api.auth.JwtSettings;
import io.tapline.proxy.server.ProxyTransport;
import io.tapline.store.StoreConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code tapline serve} needs, read once from the environment (DESIGN.md's operating
 * conventions) and validated, with an error naming the variable at fault.
 *
 * @param dataDir    {@code TAPLINE_DATA_DIR}, default {@code ./tapline-data}
 * @param esUrls     {@code TAPLINE_ES_URL}; empty means: start the embedded node
 * @param host       {@code TAPLINE_BIND_HOST}, default 127.0.0.1
 * @param apiPort    {@code TAPLINE_API_PORT}, default 3000 (0 = any free port)
 * @param adminPort  {@code TAPLINE_ADMIN_PORT}, default 3001 (0 = any free port)
 * @param adminToken {@code TAPLINE_ADMIN_TOKEN}, or null to use/generate {@code <dataDir>/admin-token}
 * @param retention  {@code TAPLINE_RETENTION}, default 30d: how long daily indices are kept
 * @param esHeapMb   {@code TAPLINE_ES_HEAP_MB}, default 512: the embedded node's heap
 * @param esNice     {@code TAPLINE_ES_NICE}, default 10: the embedded node's CPU niceness (0-19), so that on a busy
 *                   machine the proxy's traffic comes first and indexing catches up when the CPU is free
 * @param proxyPort  {@code TAPLINE_PROXY_PORT}, default 8080 (0 = any free port)
 * @param proxyTransport {@code TAPLINE_PROXY_TRANSPORT}: {@code auto} (default: native epoll where it loads, else
 *                   Java NIO), {@code epoll} (fail at start without it) or {@code nio}
 * @param routesFile {@code TAPLINE_ROUTES}: the proxy's routes file; null runs no proxy (unless --demo)
 * @param sink       where the proxy's records go ({@link SinkSettings})
 * @param nodeId     {@code TAPLINE_NODE_ID}, default 1: this process's part of every record id (0..1023)
 * @param jwt        bearer-token settings from {@code TAPLINE_JWT_SECRET} / {@code TAPLINE_JWKS} (+ audience,
 *                   issuer), or null when neither is set: then only API keys authenticate
 * @param tenantTls  TLS (and the SNI host to project map) of the tenant listener, or null for plain HTTP
 * @param query      the logs query's fanout switch, cursor key and settle window ({@link QueryConfig})
 */
record ServeConfig(Path dataDir, List<URI> esUrls, String esUser, String esPassword, String esApiKey,
                   Path esCaCert, String host, int apiPort, int adminPort, String adminToken, String retention,
                   int esHeapMb, int esNice, int proxyPort, ProxyTransport.Choice proxyTransport, Path routesFile, SinkSettings sink, int nodeId, JwtSettings jwt,
                   TenantTls tenantTls, QueryConfig query) {

    static ServeConfig fromEnvironment(Map<String, String> env) {
        String esUrl = blankToNull(env.get("TAPLINE_ES_URL"));
        Path dataDir = Path.of(env.getOrDefault("TAPLINE_DATA_DIR", "tapline-data"));
        String routes = blankToNull(env.get("TAPLINE_ROUTES"));
        return new ServeConfig(
                dataDir,
                esUrl == null ? List.of() : StoreConfig.parseUrls(esUrl),
                blankToNull(env.get("TAPLINE_ES_USER")),
                blankToNull(env.get("TAPLINE_ES_PASSWORD")),
                blankToNull(env.get("TAPLINE_ES_API_KEY")),
                blankToNull(env.get("TAPLINE_ES_CA_CERT")) == null ? null : Path.of(env.get("TAPLINE_ES_CA_CERT")),
                env.getOrDefault("TAPLINE_BIND_HOST", "127.0.0.1"),
                port(env, "TAPLINE_API_PORT", 3000),
                port(env, "TAPLINE_ADMIN_PORT", 3001),
                blankToNull(env.get("TAPLINE_ADMIN_TOKEN")),
                env.getOrDefault("TAPLINE_RETENTION", "30d"),
                intValue(env, "TAPLINE_ES_HEAP_MB", 512, 128, 32_768),
                intValue(env, "TAPLINE_ES_NICE", 10, 0, 19),
                port(env, "TAPLINE_PROXY_PORT", 8080),
                transport(env),
                routes == null ? null : Path.of(routes),
                SinkSettings.fromEnvironment(env, dataDir.toAbsolutePath()),
                intValue(env, "TAPLINE_NODE_ID", 1, 0, 1023),
                jwt(env),
                TenantTls.fromEnvironment(env),
                QueryConfig.fromEnvironment(env));
    }

    /** Null unless a secret or a JWKS is set; audience or issuer alone are a mistake worth naming. */
    private static JwtSettings jwt(Map<String, String> env) {
        String secret = blankToNull(env.get("TAPLINE_JWT_SECRET"));
        String jwks = blankToNull(env.get("TAPLINE_JWKS"));
        String audience = blankToNull(env.get("TAPLINE_JWT_AUDIENCE"));
        String issuer = blankToNull(env.get("TAPLINE_JWT_ISSUER"));
        if (secret == null && jwks == null) {
            if (audience != null || issuer != null) {
                throw new ConfigException((audience != null ? "TAPLINE_JWT_AUDIENCE" : "TAPLINE_JWT_ISSUER")
                        + " is set, but neither TAPLINE_JWT_SECRET nor TAPLINE_JWKS is");
            }
            return null;
        }
        return JwtSettings.builder().secret(secret).jwks(jwks)
                .audience(audience == null ? JwtSettings.DEFAULT_AUDIENCE : audience).issuer(issuer).build();
    }

    boolean embedded() {
        return esUrls.isEmpty();
    }

    StoreConfig storeConfig() {
        return new StoreConfig(esUrls, esUser, esPassword, esApiKey, esCaCert, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    private static ProxyTransport.Choice transport(Map<String, String> env) {
        String raw = blankToNull(env.get("TAPLINE_PROXY_TRANSPORT"));
        ProxyTransport.Choice choice = raw == null ? ProxyTransport.Choice.AUTO : ProxyTransport.Choice.parse(raw);
        if (choice == null) {
            throw new ConfigException("TAPLINE_PROXY_TRANSPORT must be auto, epoll or nio, got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
        }
        return choice;
    }

    private static int port(Map<String, String> env, String name, int dflt) {
        return intValue(env, name, dflt, 0, 65_535);
    }

    private static int intValue(Map<String, String> env, String name, int dflt, int min, int max) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer between " + min + " and " + max + ", got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
