package io.tapline.redact;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Removes secrets from everything a captured exchange carries (headers, URLs, form, JSON and text bodies) before
 * it leaves the process. Immutable and thread-safe; build one per {@link RedactionRules}.
 */
public final class Redactor {
    /** What a secret is replaced by. */
    public static final String REDACTED = "[REDACTED]";

    private final RedactionRules rules;
    private final ParamRedactor query;
    private final ParamRedactor form;
    private final JsonRedactor json;
    private final SecretScrubber text;
    private final SecretNames secretHeaders;

    public Redactor(RedactionRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        Set<String> anyParam = new HashSet<>(rules.queryParams());
        anyParam.addAll(rules.jsonFields());
        this.query = new ParamRedactor(rules.queryParams());
        // A form field is as likely to be named like a JSON field as like a query parameter: redact both.
        this.form = new ParamRedactor(Set.copyOf(anyParam));
        this.text = new SecretScrubber(Set.copyOf(anyParam), rules.headers(), false);
        this.json = new JsonRedactor(rules.jsonFields(), text);
        this.secretHeaders = new SecretNames(rules.headers());
    }

    public static Redactor withDefaults() {
        return new Redactor(RedactionRules.defaults());
    }

    public RedactionRules rules() {
        return rules;
    }

    /** True when a header of this name (any case) carries a secret. */
    public boolean isSecretHeader(String name) {
        if (name == null) {
            return false;
        }
        // Most names are plain ASCII with nothing to trim: compared where they stand, case folded.
        int n = name.length();
        if (n > 0 && name.charAt(0) > ' ' && name.charAt(n - 1) > ' ' && isAscii(name)) {
            return secretHeaders.containsAscii(name, 0, n);
        }
        return isSecretHeaderTrimmedAndLowerCased(name);
    }

    /** {@link #isSecretHeader} by its definition: the trimmed, lower-cased name is one of the rules' headers. */
    boolean isSecretHeaderTrimmedAndLowerCased(String name) {
        return rules.headers().contains(name.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The value to record for a header: {@link #REDACTED} for secret headers, else the value itself. */
    public String headerValue(String name, String value) {
        return value != null && isSecretHeader(name) ? REDACTED : value;
    }

    /**
     * A path-and-query or absolute URL with the values of secret query (and fragment) parameters and any userinfo
     * password replaced; every other character is kept as it was.
     */
    public String url(String rawUrlOrPathAndQuery) {
        return query.url(rawUrlOrPathAndQuery);
    }

    /**
     * A query string without its {@code ?} (ECS {@code url.query}), redacted as the query of a URL: the same as
     * {@code url("?" + query).substring(1)}.
     */
    public String query(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        // Without a '#' the query is all parameters; with one, url() also treats what follows as a fragment.
        return query.indexOf('#') < 0 ? this.query.params(query) : url("?" + query).substring(1);
    }

    /** An {@code application/x-www-form-urlencoded} body, redacted like a query string. */
    public String formBody(String body) {
        return form.params(body);
    }

    /**
     * A JSON (or NDJSON) body with the value of every secret-named field, at any depth and of any type, replaced
     * by {@code "[REDACTED]"}. Works on bodies cut off by the capture cap and falls back to a conservative scrub
     * for text that is not JSON.
     */
    public String jsonBody(String body) {
        return json.redact(body);
    }

    /**
     * A body of the given content type: JSON types (including {@code application/*+json}), form bodies, and
     * anything else as plain text, where {@code name=value} pairs, header-like lines and bearer tokens are scrubbed.
     * A body without a content type that looks like JSON is treated as JSON.
     */
    public String text(String contentType, String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        String type = mediaType(contentType);
        if (type.contains("json")) {
            return jsonBody(body);
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return formBody(body);
        }
        if (type.isEmpty() || type.startsWith("text/plain") || type.equals("application/octet-stream")) {
            char first = firstNonBlank(body);
            if (first == '{' || first == '[') {
                return jsonBody(body);
            }
        }
        return text.scrub(body);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static char firstNonBlank(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c;
            }
        }
        return 0;
    }
}
