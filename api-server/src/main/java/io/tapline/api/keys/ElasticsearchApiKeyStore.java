package io.tapline.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.StoreUnavailableException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys in the Elasticsearch index {@value #INDEX}: its own strict mapping, outside the log indices'
 * pattern ({@code tapline-logs-*}) so that no log search, template or retention sweep ever touches it, and
 * hidden so that Kibana's wildcard patterns do not list it. Created on first use. Lookups by id are real-time
 * GETs (no refresh needed); writes wait for a refresh so that a listing right after shows them.
 */
public final class ElasticsearchApiKeyStore implements ApiKeyStore {

    public static final String INDEX = "tapline-api-keys";
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchApiKeyStore.class);
    private static final int MAX_LISTED = 10_000;

    private final RestClient client;
    private final ObjectMapper mapper;
    private volatile boolean indexReady;

    public ElasticsearchApiKeyStore(ElasticsearchConnection connection, ObjectMapper mapper) {
        this.client = connection.restClient();
        this.mapper = mapper;
    }

    @Override
    public boolean create(StoredKey stored) {
        ensureIndex();
        Request request = new Request("PUT", "/" + INDEX + "/_create/" + stored.key().id());
        request.addParameter("refresh", "wait_for");
        request.setJsonEntity(toDocument(stored).toString());
        try {
            client.performRequest(request);
            return true;
        } catch (ResponseException e) {
            if (status(e) == 409) {
                return false;
            }
            throw failure("create", e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<StoredKey> find(String id) {
        Request request = new Request("GET", "/" + INDEX + "/_doc/" + id);
        try {
            JsonNode doc = mapper.readTree(EntityUtils.toByteArray(client.performRequest(request).getEntity()));
            return doc.path("found").asBoolean() ? Optional.of(fromDocument(doc.path("_source"))) : Optional.empty();
        } catch (ResponseException e) {
            if (status(e) == 404) {
                // Either no such key or no index yet (no key was ever created): the same answer.
                return Optional.empty();
            }
            throw failure("find", e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<ApiKey> list() {
        ensureIndex();
        Request request = new Request("POST", "/" + INDEX + "/_search");
        ObjectNode body = mapper.createObjectNode();
        body.put("size", MAX_LISTED);
        body.putArray("sort").addObject().put("created", "desc");
        body.putObject("_source").putArray("excludes").add("salt").add("hash");
        request.setJsonEntity(body.toString());
        try {
            JsonNode result = mapper.readTree(EntityUtils.toByteArray(client.performRequest(request).getEntity()));
            List<ApiKey> keys = new ArrayList<>();
            for (JsonNode hit : result.path("hits").path("hits")) {
                keys.add(describe(hit.path("_source")));
            }
            return keys;
        } catch (ResponseException e) {
            throw failure("list", e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean revoke(String id, Instant at) {
        // Read, then write only if nobody wrote in between (optimistic concurrency on seq_no/primary_term), so
        // that revoking twice keeps the first time. No script: the embedded node has no Painless module.
        for (int attempt = 0; attempt < 5; attempt++) {
            JsonNode doc;
            try {
                doc = mapper.readTree(EntityUtils.toByteArray(
                        client.performRequest(new Request("GET", "/" + INDEX + "/_doc/" + id)).getEntity()));
            } catch (ResponseException e) {
                if (status(e) == 404) {
                    return false;
                }
                throw failure("revoke", e);
            } catch (IOException e) {
                throw unavailable(e);
            }
            if (!doc.path("found").asBoolean()) {
                return false;
            }
            if (doc.path("_source").hasNonNull("revokedAt")) {
                return true;
            }
            Request update = new Request("POST", "/" + INDEX + "/_update/" + id);
            update.addParameter("refresh", "wait_for");
            update.addParameter("if_seq_no", doc.path("_seq_no").asText());
            update.addParameter("if_primary_term", doc.path("_primary_term").asText());
            ObjectNode body = mapper.createObjectNode();
            body.putObject("doc").put("revokedAt", at.toString());
            update.setJsonEntity(body.toString());
            try {
                client.performRequest(update);
                return true;
            } catch (ResponseException e) {
                if (status(e) != 409) {
                    throw failure("revoke", e);
                }
                // Someone else wrote (a lastUsed touch, another revocation): read again.
            } catch (IOException e) {
                throw unavailable(e);
            }
        }
        throw new StoreUnavailableException("API key " + id + " kept changing while being revoked", null);
    }

    @Override
    public void touch(String id, Instant at) {
        Request request = new Request("POST", "/" + INDEX + "/_update/" + id);
        request.addParameter("retry_on_conflict", "3");
        ObjectNode body = mapper.createObjectNode();
        body.putObject("doc").put("lastUsed", at.toString());
        request.setJsonEntity(body.toString());
        client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
            }

            @Override
            public void onFailure(Exception e) {
                log.debug("recording the last use of API key {} failed: {}", id, e.getMessage());
            }
        });
    }

    /** Creates the index with its mapping unless it exists; retried by every write until it succeeded once. */
    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        Request request = new Request("PUT", "/" + INDEX);
        request.setJsonEntity(KeyIndexMapping.body(mapper).toString());
        try {
            client.performRequest(request);
        } catch (ResponseException e) {
            if (!(status(e) == 400 && String.valueOf(e.getMessage()).contains("resource_already_exists_exception"))) {
                throw failure("create the index", e);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
        indexReady = true;
    }

    private ObjectNode toDocument(StoredKey stored) {
        ApiKey key = stored.key();
        ObjectNode doc = mapper.createObjectNode();
        doc.put("id", key.id());
        doc.put("name", key.name());
        doc.put("role", key.role().wireName());
        ArrayNode projects = doc.putArray("projects");
        key.projects().stream().sorted().forEach(projects::add);
        doc.put("created", key.created().toString());
        doc.put("salt", Base64.getEncoder().encodeToString(stored.salt()));
        doc.put("hash", Base64.getEncoder().encodeToString(stored.hash()));
        return doc;
    }

    private static StoredKey fromDocument(JsonNode source) {
        return new StoredKey(describe(source), Base64.getDecoder().decode(source.path("salt").asText()),
                Base64.getDecoder().decode(source.path("hash").asText()));
    }

    private static ApiKey describe(JsonNode source) {
        Set<String> projects = new LinkedHashSet<>();
        source.path("projects").forEach(p -> projects.add(p.asText()));
        KeyRole role = KeyRole.fromWire(source.path("role").asText());
        if (role == null) {
            throw new IllegalStateException("API key " + source.path("id").asText() + " has an unknown role");
        }
        return new ApiKey(source.path("id").asText(), source.path("name").asText(), role, projects,
                Instant.parse(source.path("created").asText()), instantOrNull(source.get("lastUsed")),
                instantOrNull(source.get("revokedAt")));
    }

    private static Instant instantOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static int status(ResponseException e) {
        return e.getResponse().getStatusLine().getStatusCode();
    }

    /** 5xx/429 mean the cluster is in trouble (503 to the caller); anything else is a bug of ours (500). */
    private static RuntimeException failure(String what, ResponseException e) {
        int status = status(e);
        if (status >= 500 || status == 429) {
            return new StoreUnavailableException("API key store could not " + what + ": HTTP " + status, e);
        }
        return new IllegalStateException("API key store could not " + what + ": HTTP " + status, e);
    }

    private static StoreUnavailableException unavailable(IOException e) {
        return new StoreUnavailableException("API key store unreachable: " + e.getMessage(), e);
    }
}
