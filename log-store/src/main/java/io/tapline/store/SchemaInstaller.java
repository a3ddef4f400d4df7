package io.tapline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapline.schema.IndexNames;
import io.tapline.schema.SchemaResources;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Installs log-schema's index template and ILM policy into a cluster, idempotently: each object carries a
 * hash of its desired body in {@code _meta}, and is only written when that hash differs. ILM is used when
 * the cluster has it and skipped, with a reason, when it does not (the embedded node has no x-pack).
 */
public final class SchemaInstaller {
    private static final String HASH_KEY = "tapline_hash";

    private final RestClient rest;
    private final ObjectMapper mapper;
    private final String retention;

    /**
     * @param retention how long daily indices are kept, e.g. {@code 30d}; the ILM delete phase uses it
     */
    public SchemaInstaller(ElasticsearchConnection connection, ObjectMapper mapper, String retention) {
        this.rest = connection.restClient();
        this.mapper = mapper;
        this.retention = retention;
        SchemaResources.ilmPolicyJson(retention); // validates now, not at first install
    }

    /** Ensures the ILM policy (when available) and the index template; returns what it did. */
    public InstallReport install() {
        List<InstallReport.Step> steps = new ArrayList<>();
        boolean ilm = hasIlm();
        if (ilm) {
            ObjectNode policy = (ObjectNode) read(SchemaResources.ilmPolicyJson(retention));
            steps.add(ensure("ILM policy " + IndexNames.ILM_POLICY_NAME, "/_ilm/policy/" + IndexNames.ILM_POLICY_NAME,
                    policy, (ObjectNode) policy.path("policy"), existing -> existing.path(IndexNames.ILM_POLICY_NAME)
                            .path("policy").path("_meta").path(HASH_KEY).asText(null)));
        } else {
            steps.add(new InstallReport.Step("ILM policy " + IndexNames.ILM_POLICY_NAME, InstallReport.Outcome.SKIPPED,
                    "the cluster has no ILM (no x-pack); retention drops whole daily indices instead"));
        }
        ObjectNode template = (ObjectNode) read(SchemaResources.indexTemplateJson());
        if (ilm) {
            ObjectNode settings = template.withObjectProperty("template").withObjectProperty("settings");
            settings.put("index.lifecycle.name", IndexNames.ILM_POLICY_NAME);
        }
        steps.add(ensure("index template " + IndexNames.TEMPLATE_NAME, "/_index_template/" + IndexNames.TEMPLATE_NAME,
                template, template, existing -> {
                    for (JsonNode t : existing.path("index_templates")) {
                        if (IndexNames.TEMPLATE_NAME.equals(t.path("name").asText())) {
                            return t.path("index_template").path("_meta").path(HASH_KEY).asText(null);
                        }
                    }
                    return null;
                }));
        return new InstallReport(steps);
    }

    /** True when the cluster answers the ILM status API. */
    public boolean hasIlm() {
        try {
            Response r = rest.performRequest(new Request("GET", "/_ilm/status"));
            return r.getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            return false;
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private InstallReport.Step ensure(String name, String path, ObjectNode body, ObjectNode metaHolder,
                                      java.util.function.Function<JsonNode, String> existingHash) {
        String hash = hash(body);
        metaHolder.withObjectProperty("_meta").put(HASH_KEY, hash);
        String current = null;
        boolean exists;
        try {
            Response r = rest.performRequest(new Request("GET", path));
            exists = true;
            current = existingHash.apply(mapper.readTree(r.getEntity().getContent()));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw new StoreUnavailableException("cannot read " + name + ": " + e.getMessage(), e);
            }
            exists = false;
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
        if (hash.equals(current)) {
            return new InstallReport.Step(name, InstallReport.Outcome.UNCHANGED, "");
        }
        Request put = new Request("PUT", path);
        try {
            put.setEntity(new StringEntity(mapper.writeValueAsString(body), ContentType.APPLICATION_JSON));
            rest.performRequest(put);
        } catch (ResponseException e) {
            throw new IllegalStateException("Elasticsearch refused " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
        return new InstallReport.Step(name, exists ? InstallReport.Outcome.UPDATED : InstallReport.Outcome.CREATED, "");
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("bundled schema resource is not JSON", e);
        }
    }

    private String hash(JsonNode body) {
        try {
            byte[] canonical = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
