package io.tapline.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.TaplineClient;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Where the client subcommands find the API and how they authenticate: {@code --url}/{@code TAPLINE_URL},
 * {@code --api-key}/{@code TAPLINE_API_KEY} or {@code --token}/{@code TAPLINE_TOKEN}. Without a credential, the
 * admin token {@code tapline serve} keeps in its data directory is used, so that the commands work next to it.
 */
public final class ClientOptions {

    @Option(names = "--url", paramLabel = "URL", description = {"API base URL (TAPLINE_URL). Default: the admin "
            + "listener http://127.0.0.1:3001 (TAPLINE_ADMIN_PORT), or the tenant listener :3000 (TAPLINE_API_PORT) "
            + "for a tenant JWT."})
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = {"API key or admin token, sent as X-API-Key "
            + "(TAPLINE_API_KEY; prefer the variable: options show up in ps). Default: <data dir>/admin-token "
            + "when readable (TAPLINE_DATA_DIR, ./tapline-data)."})
    String apiKey;

    @Option(names = "--token", paramLabel = "JWT", description = "JWT sent as a bearer token (TAPLINE_TOKEN).")
    String token;

    /** The resolved settings, for messages. */
    record Resolved(String url, String credential, TaplineClient client) {
    }

    /** Builds the client from the options, falling back to {@code env}. */
    Resolved resolve(Map<String, String> env) {
        String jwt = firstNonBlank(token, env.get("TAPLINE_TOKEN"));
        String key = firstNonBlank(apiKey, env.get("TAPLINE_API_KEY"));
        if (jwt != null && key != null) {
            throw new ClientFailure("give an API key or a token, not both (--api-key/TAPLINE_API_KEY, "
                    + "--token/TAPLINE_TOKEN)");
        }
        String credential = jwt != null ? "token" : key != null ? "api key" : null;
        if (jwt == null && key == null) {
            key = adminTokenFile(env);
            credential = key == null ? "none" : "admin token file";
        }
        String base = firstNonBlank(url, env.get("TAPLINE_URL"));
        if (base == null) {
            boolean tenant = jwt != null && "tenant".equals(unverifiedRole(jwt));
            base = "http://127.0.0.1:" + (tenant ? port(env, "TAPLINE_API_PORT", 3000) : port(env, "TAPLINE_ADMIN_PORT", 3001));
        }
        TaplineClient.Builder b = TaplineClient.builder().connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(120)).rateLimitRetries(5);
        try {
            b.baseUrl(base);
            if (jwt != null) {
                b.bearerToken(jwt);
            } else if (key != null) {
                b.apiKey(key);
            }
            return new Resolved(base, credential, b.build());
        } catch (IllegalArgumentException e) {
            throw new ClientFailure((url != null ? "--url: " : "TAPLINE_URL: ") + e.getMessage());
        }
    }

    private static String adminTokenFile(Map<String, String> env) {
        Path file = Path.of(firstNonBlank(env.get("TAPLINE_DATA_DIR"), "tapline-data"), "admin-token");
        try {
            if (Files.isReadable(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                return token.isEmpty() ? null : token;
            }
        } catch (IOException ignored) {
            // no usable file: go without a credential and let the API say 401
        }
        return null;
    }

    /** The {@code role} claim, read without verifying the signature: only to pick the listener to call. */
    static String unverifiedRole(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("role").asText(null);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static int port(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ClientFailure(name + " must be a port number, got '" + v + "'");
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
