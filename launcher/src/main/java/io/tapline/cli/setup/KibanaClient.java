package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tapline.kibana.SavedObject;
import io.tapline.store.PemTrust;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two calls of Kibana's saved objects API that setup makes: {@code _bulk_get} (what is there now) and
 * {@code _import?overwrite=true} (multipart NDJSON), with the {@code kbn-xsrf} header Kibana demands and the
 * caller's credentials. Every failure becomes a {@link KibanaException} with one line a user can act on.
 */
final class KibanaClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper mapper;

    /**
     * @param kibanaUrl     Kibana's base URL (may carry a base path)
     * @param space         a space id, or null for the default space
     * @param authorization the {@code Authorization} header value, or null
     * @param caCert        PEM of the CA that signed Kibana's certificate, or null for the JVM's trust store
     */
    KibanaClient(URI kibanaUrl, String space, String authorization, Path caCert, ObjectMapper mapper) {
        this.base = URI.create(kibanaUrl + (space == null ? "" : "/s/" + space));
        this.authorization = authorization;
        this.mapper = mapper;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caCert != null && kibanaUrl.getScheme().equals("https")) {
            b.sslContext(PemTrust.of(caCert, "TAPLINE_KIBANA_CA_CERT"));
        }
        this.http = b.build();
    }

    /** The objects Kibana holds under the given (type, id) pairs: "type/id" to the stored object; absent ones left out. */
    Map<String, JsonNode> bulkGet(List<SavedObject> objects) {
        ArrayNode body = mapper.createArrayNode();
        objects.forEach(o -> body.addObject().put("type", o.type()).put("id", o.id()));
        JsonNode response = send("look up the saved objects", request("/api/saved_objects/_bulk_get")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        Map<String, JsonNode> found = new HashMap<>();
        for (JsonNode o : response.path("saved_objects")) {
            JsonNode error = o.path("error");
            if (error.isMissingNode()) {
                found.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
            } else if (error.path("statusCode").asInt() != 404) {
                throw new KibanaException("Kibana could not read " + o.path("type").asText() + " " + o.path("id").asText()
                        + ": " + error.path("statusCode").asInt() + " " + error.path("message").asText());
            }
        }
        return found;
    }

    /** Imports an NDJSON file with {@code overwrite=true}; returns Kibana's answer, whatever its {@code success}. */
    JsonNode importNdjson(String filename, byte[] ndjson) {
        Multipart form = Multipart.file("file", filename, "application/ndjson", ndjson);
        return send("import the saved objects", request("/api/saved_objects/_import?overwrite=true")
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("kbn-xsrf", "tapline-setup")
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new KibanaException("Kibana at " + base + " is unreachable (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new KibanaException("Kibana at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new KibanaException("Kibana at " + base + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KibanaException("interrupted while waiting for Kibana");
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 && body != null) {
            return body;
        }
        String reason = body != null && body.has("message") ? body.path("message").asText()
                : response.body().isBlank() ? "(empty body)" : oneLine(response.body());
        String hint = switch (status) {
            case 401 -> " (check TAPLINE_KIBANA_USER/_PASSWORD or TAPLINE_KIBANA_API_KEY)";
            case 403 -> " (the user needs the Saved Objects Management privilege in this space)";
            case 404 -> " (is " + base + " Kibana, with this space?)";
            default -> "";
        };
        throw new KibanaException("Kibana refused to " + what + ": " + status
                + (body != null && body.has("error") ? " " + body.path("error").asText() : "") + ": " + reason + hint);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s*\\R\\s*", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
