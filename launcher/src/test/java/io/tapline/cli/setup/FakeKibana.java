package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tapline.kibana.KibanaObjects;
import io.tapline.kibana.SavedObject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kibana's saved objects API ({@code _bulk_get}, {@code _import}) on a real loopback HTTP server, strict about what a
 * real Kibana demands: the method, path and query, the {@code kbn-xsrf} header, the credentials, and a multipart body
 * with one {@code file} part holding NDJSON. It stores what it imports, adds what Kibana adds (bookkeeping fields,
 * defaults), and answers in Kibana 8's shapes. Every request that breaks a rule is answered 400 and recorded in
 * {@link #violations()}; {@link #failNextImportWith} makes it answer the next import with a canned response.
 */
public final class FakeKibana implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("^multipart/form-data; boundary=([^;\\s]+)$");

    private final HttpServer server;
    private final String authorization;
    private final String prefix;
    private final Map<String, ObjectNode> stored = new LinkedHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> imports = Collections.synchronizedList(new ArrayList<>());
    private volatile int failStatus;
    private volatile String failBody;

    /**
     * @param authorization the exact Authorization header every request must carry
     * @param space         the space the requests must address, or null for the default space
     */
    public FakeKibana(String authorization, String space) throws IOException {
        this.authorization = authorization;
        this.prefix = space == null ? "" : "/s/" + space;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests that broke one of Kibana's rules, each as a sentence. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The imports it accepted, each as the list of "type/id" it held, in order. */
    public List<List<String>> imports() {
        return List.copyOf(imports);
    }

    /** Stored objects, "type/id" to the object as bulk_get returns it. */
    public synchronized Map<String, ObjectNode> stored() {
        return Map.copyOf(stored);
    }

    /** Answers the next import with this status and body instead of importing. */
    public void failNextImportWith(int status, String body) {
        this.failBody = body;
        this.failStatus = status;
    }

    /** Changes one attribute of a stored object, as a user editing it in Kibana would. */
    public synchronized void edit(String type, String id, String attribute, String value) {
        ((ObjectNode) stored.get(type + "/" + id).path("attributes")).put(attribute, value);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            if (!"POST".equals(ex.getRequestMethod())) {
                reject(ex, 404, "Not Found", ex.getRequestMethod() + " " + path + " is not an API route");
                return;
            }
            if (ex.getRequestHeaders().getFirst("kbn-xsrf") == null) {
                reject(ex, 400, "Bad Request", "Request must contain a kbn-xsrf header.");
                return;
            }
            if (authorization != null && !authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                violations.add("wrong or missing Authorization on " + path);
                respond(ex, 401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"[security_exception]"
                        + " unable to authenticate user\"}");
                return;
            }
            if (path.equals(prefix + "/api/saved_objects/_bulk_get") && query == null) {
                bulkGet(ex, body);
            } else if (path.equals(prefix + "/api/saved_objects/_import") && "overwrite=true".equals(query)) {
                importFile(ex, body);
            } else {
                reject(ex, 404, "Not Found", "no route for " + path + (query == null ? "" : "?" + query));
            }
        }
    }

    private void bulkGet(HttpExchange ex, byte[] body) throws IOException {
        if (!"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
            reject(ex, 415, "Unsupported Media Type", "bulk_get takes application/json");
            return;
        }
        JsonNode wanted = MAPPER.readTree(body);
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode out = answer.putArray("saved_objects");
        synchronized (this) {
            for (JsonNode w : wanted) {
                String key = w.path("type").asText() + "/" + w.path("id").asText();
                ObjectNode o = stored.get(key);
                if (o != null) {
                    out.add(o.deepCopy());
                } else {
                    out.addObject().put("id", w.path("id").asText()).put("type", w.path("type").asText())
                            .putObject("error").put("statusCode", 404).put("error", "Not Found")
                            .put("message", "Saved object [" + key + "] not found");
                }
            }
        }
        respond(ex, 200, answer.toString());
    }

    private void importFile(HttpExchange ex, byte[] body) throws IOException {
        String ndjson = filePart(ex.getRequestHeaders().getFirst("Content-Type"), body);
        if (ndjson == null) {
            reject(ex, 400, "Bad Request", "[request body.file]: expected value of type [Stream] but got [undefined]");
            return;
        }
        if (failStatus != 0) {
            int status = failStatus;
            failStatus = 0;
            respond(ex, status, failBody);
            return;
        }
        List<SavedObject> objects;
        try {
            objects = KibanaObjects.parse(ndjson);
        } catch (IllegalArgumentException e) {
            violations.add("import file is not NDJSON saved objects: " + e.getMessage());
            reject(ex, 400, "Bad Request", e.getMessage());
            return;
        }
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode results = MAPPER.createArrayNode();
        List<String> keys = new ArrayList<>();
        synchronized (this) {
            for (SavedObject o : objects) {
                String key = o.type() + "/" + o.id();
                keys.add(key);
                boolean existed = stored.containsKey(key);
                stored.put(key, asStored(o));
                ObjectNode r = results.addObject().put("type", o.type()).put("id", o.id());
                r.putObject("meta").put("title", o.title()).put("icon", o.type() + "App");
                r.put("managed", false);
                if (existed) {
                    r.put("overwrite", true);
                }
            }
        }
        imports.add(keys);
        answer.put("successCount", objects.size()).put("success", true).putArray("warnings");
        answer.set("successResults", results);
        respond(ex, 200, answer.toString());
    }

    /** The object as Kibana keeps it: its own, plus namespaces, timestamps, a version, and defaulted attributes. */
    private static ObjectNode asStored(SavedObject o) {
        ObjectNode s = o.json().deepCopy();
        s.putArray("namespaces").add("default");
        s.put("updated_at", "2026-01-02T03:04:05.678Z").put("created_at", "2026-01-02T03:04:05.678Z")
                .put("version", "WzEyLDFd");
        ((ObjectNode) s.path("attributes")).putIfAbsent("description", MAPPER.getNodeFactory().textNode(""));
        return s;
    }

    /** The content of the one {@code file} part of a multipart body, or null (and a violation) when it is not that. */
    private String filePart(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.matches()) {
            violations.add("import Content-Type is not multipart/form-data with a boundary: " + contentType);
            return null;
        }
        String boundary = m.group(1);
        String text = new String(body, StandardCharsets.UTF_8);
        String head = "--" + boundary + "\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith(head) || !text.endsWith(tail) || headerEnd < 0
                || text.indexOf("--" + boundary, head.length()) != text.length() - tail.length() + 2) {
            violations.add("import body is not exactly one multipart part framed by the boundary");
            return null;
        }
        String headers = text.substring(head.length(), headerEnd);
        if (!headers.contains("Content-Disposition: form-data; name=\"file\"; filename=\"" + KibanaObjects.RESOURCE + "\"")
                || !headers.contains("Content-Type: application/ndjson")) {
            violations.add("import part is not the file field with an .ndjson file: " + headers);
            return null;
        }
        return text.substring(headerEnd + 4, text.length() - tail.length());
    }

    private void reject(HttpExchange ex, int status, String error, String message) throws IOException {
        violations.add(status + " " + message);
        ObjectNode b = MAPPER.createObjectNode().put("statusCode", status).put("error", error).put("message", message);
        respond(ex, status, b.toString());
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
