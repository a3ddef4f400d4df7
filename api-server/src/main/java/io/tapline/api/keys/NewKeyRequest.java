package io.tapline.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapline.api.auth.ProjectIds;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.UserInput;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The body of {@code POST /api/keys}: {@code {"name": "...", "role": "admin"|"tenant", "projects": [...]}}.
 * A tenant key needs at least one project; an admin key takes none (it reads every project). Every mistake
 * is a 400 naming the field.
 */
record NewKeyRequest(String name, KeyRole role, Set<String> projects) {

    static final int MAX_NAME_CHARS = 100;
    private static final Set<String> FIELDS = Set.of("name", "role", "projects");

    static NewKeyRequest parse(ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("Unknown field '" + UserInput.bounded(field)
                        + "' (expected name, role, projects)");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiException.badRequest("'name' is required: a non-empty string");
        }
        if (name.asText().length() > MAX_NAME_CHARS || name.asText().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'name' must be at most " + MAX_NAME_CHARS
                    + " characters without control characters");
        }
        JsonNode roleNode = body.get("role");
        KeyRole role = roleNode != null && roleNode.isTextual() ? KeyRole.fromWire(roleNode.asText()) : null;
        if (role == null) {
            throw ApiException.badRequest("'role' is required: \"admin\" or \"tenant\"");
        }
        Set<String> projects = projects(body.get("projects"));
        if (role == KeyRole.TENANT && projects.isEmpty()) {
            throw ApiException.badRequest("'projects' is required for a tenant key: a non-empty array of project ids");
        }
        if (role == KeyRole.ADMIN && !projects.isEmpty()) {
            throw ApiException.badRequest("'projects' must be empty for an admin key (it reads every project)");
        }
        return new NewKeyRequest(name.asText().strip(), role, projects);
    }

    private static Set<String> projects(JsonNode node) {
        Set<String> projects = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return projects;
        }
        if (!node.isArray() || node.size() > ProjectIds.MAX_PER_CREDENTIAL) {
            throw ApiException.badRequest("'projects' must be an array of at most " + ProjectIds.MAX_PER_CREDENTIAL
                    + " project ids");
        }
        for (JsonNode id : node) {
            if (!id.isTextual() || !ProjectIds.isValid(id.asText())) {
                throw ApiException.badRequest("'projects' holds an invalid project id: "
                        + UserInput.bounded(id.toString()));
            }
            projects.add(id.asText());
        }
        return projects;
    }
}
