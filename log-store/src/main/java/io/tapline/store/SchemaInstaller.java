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
 * the cluster has it and skipped, with a reason, when it does not (the embedded node has no x-pack). The
 * template is installed for daily indices or, on request, for data streams ({@link IndexMode}).
 */
public final class SchemaInstaller {
    private static final String HASH_KEY = "tapline_hash";
    private static final String TEMPLATE = "index template " + IndexNames.TEMPLATE_NAME;
    private static final String POLICY = "ILM policy " + IndexNames.ILM_POLICY_NAME;

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

    /**
     * Ensures the ILM policy (when available) and the index template in the mode the cluster already has
     * (daily indices when there is no template yet), so that a restart never undoes a data-stream setup.
     */
    public InstallReport install() {
        return install(null);
    }

    /**
     * Ensures the ILM policy (when available) and the index template in {@code mode} (null: keep the cluster's).
     * Throws {@link IllegalStateException} when data streams are asked for and the cluster has none, before
     * anything is written.
     */
    public InstallReport install(IndexMode mode) {
        JsonNode existingTemplate = fetch(TEMPLATE, "/_index_template/" + IndexNames.TEMPLATE_NAME);
        IndexMode current = existingTemplate == null ? null : modeOf(existingTemplate);
        IndexMode target = mode != null ? mode : current != null ? current : IndexMode.DAILY_INDICES;
        if (target == IndexMode.DATA_STREAM && !hasDataStreams()) {
            throw new IllegalStateException("the cluster has no data streams (they need x-pack, which the embedded"
                    + " node lacks); install for daily indices instead");
        }
        boolean ilm = hasIlm();
        List<InstallReport.Step> steps = new ArrayList<>();
        if (ilm) {
            ObjectNode policy = (ObjectNode) read(SchemaResources.ilmPolicyJson(retention));
            if (target == IndexMode.DATA_STREAM) {
                // A data stream's write index can only be deleted after a rollover; roll daily like the indices do.
                ObjectNode hot = policy.withObjectProperty("policy").withObjectProperty("phases")
                        .withObjectProperty("hot").withObjectProperty("actions");
                hot.withObjectProperty("rollover").put("max_age", "1d").put("max_primary_shard_size", "50gb");
            }
            String path = "/_ilm/policy/" + IndexNames.ILM_POLICY_NAME;
            JsonNode existing = fetch(POLICY, path);
            String hash = existing == null ? null : existing.path(IndexNames.ILM_POLICY_NAME).path("policy")
                    .path("_meta").path(HASH_KEY).asText(null);
            steps.add(ensure(POLICY, path, policy, (ObjectNode) policy.path("policy"), existing != null, hash,
                    "retention " + retention));
        } else {
            steps.add(new InstallReport.Step(POLICY, InstallReport.Outcome.SKIPPED,
                    "the cluster has no ILM (no x-pack); retention drops whole daily indices instead"));
        }
        ObjectNode template = (ObjectNode) read(SchemaResources.indexTemplateJson());
        if (ilm) {
            template.withObjectProperty("template").withObjectProperty("settings")
                    .put("index.lifecycle.name", IndexNames.ILM_POLICY_NAME);
        }
        if (target == IndexMode.DATA_STREAM) {
            template.putObject("data_stream");
        }
        String detail = target.description() + (current != null && current != target
                ? ", was " + current.description() : "");
        steps.add(ensure(TEMPLATE, "/_index_template/" + IndexNames.TEMPLATE_NAME, template, template,
                existingTemplate != null, templateHash(existingTemplate), detail));
        return new InstallReport(steps);
    }

    /** True when the cluster answers the ILM status API. */
    public boolean hasIlm() {
        return answers("/_ilm/status");
    }

    /** True when the cluster answers the data stream API. */
    public boolean hasDataStreams() {
        return answers("/_data_stream");
    }

    /** The mode of the template installed in the cluster, or null when there is none. */
    public IndexMode installedMode() {
        JsonNode existing = fetch(TEMPLATE, "/_index_template/" + IndexNames.TEMPLATE_NAME);
        return existing == null ? null : modeOf(existing);
    }

    private boolean answers(String path) {
        try {
            Response r = rest.performRequest(new Request("GET", path));
            return r.getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            return false;
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private static JsonNode ours(JsonNode templates) {
        for (JsonNode t : templates.path("index_templates")) {
            if (IndexNames.TEMPLATE_NAME.equals(t.path("name").asText())) {
                return t.path("index_template");
            }
        }
        return null;
    }

    private static IndexMode modeOf(JsonNode templates) {
        JsonNode template = ours(templates);
        return template != null && template.has("data_stream") ? IndexMode.DATA_STREAM : IndexMode.DAILY_INDICES;
    }

    private static String templateHash(JsonNode templates) {
        JsonNode template = templates == null ? null : ours(templates);
        return template == null ? null : template.path("_meta").path(HASH_KEY).asText(null);
    }

    /** GETs {@code path}; null when it does not exist (404). */
    private JsonNode fetch(String name, String path) {
        try {
            Response r = rest.performRequest(new Request("GET", path));
            return mapper.readTree(r.getEntity().getContent());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new StoreUnavailableException("cannot read " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private InstallReport.Step ensure(String name, String path, ObjectNode body, ObjectNode metaHolder,
                                      boolean exists, String currentHash, String detail) {
        String hash = hash(body);
        metaHolder.withObjectProperty("_meta").put(HASH_KEY, hash);
        if (hash.equals(currentHash)) {
            return new InstallReport.Step(name, InstallReport.Outcome.UNCHANGED, detail);
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
        return new InstallReport.Step(name, exists ? InstallReport.Outcome.UPDATED : InstallReport.Outcome.CREATED,
                detail);
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
