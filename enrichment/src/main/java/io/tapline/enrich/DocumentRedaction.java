package io.tapline.enrich;

import io.tapline.redact.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the proxy's redaction rules to a stored document once more, as defence in depth: a record that reached
 * Logstash from anywhere else, or from a proxy with older rules, still loses its secrets before it is indexed.
 * Every redaction is idempotent, so enriching twice changes nothing more.
 */
final class DocumentRedaction {
    /**
     * Messages are scrubbed as plain text, never sniffed as JSON: a bracketed log line ({@code [ERROR] ...}) starts
     * like a JSON array and would come out with quoted markers. The scrub still finds quoted JSON names.
     */
    private static final String LOG_LINE = "text/x-log";

    private final Redactor redactor;

    DocumentRedaction(Redactor redactor) {
        this.redactor = redactor;
    }

    void apply(FieldEditor document) {
        String original = document.string(Ecs.URL_ORIGINAL);
        replace(document, original, redactor.url(original), Ecs.URL_ORIGINAL);
        String query = document.string(Ecs.URL_QUERY);
        if (query != null) {
            // As the query of a URL: the same parameter names, the same tolerance of odd separators.
            replace(document, query, redactor.query(query), Ecs.URL_QUERY);
        }
        headers(document);
        body(document, Ecs.HTTP_REQUEST_BODY, Ecs.HTTP_REQUEST_MIME_TYPE);
        body(document, Ecs.HTTP_RESPONSE_BODY, Ecs.HTTP_RESPONSE_MIME_TYPE);
        String message = document.string(Ecs.MESSAGE);
        replace(document, message, redactor.text(LOG_LINE, message), Ecs.MESSAGE);
        // Logstash keeps the raw input line here; the JSON of a record names its secrets like any JSON body.
        String eventOriginal = document.string(Ecs.EVENT_ORIGINAL);
        replace(document, eventOriginal, redactor.text(null, eventOriginal), Ecs.EVENT_ORIGINAL);
    }

    private void body(FieldEditor document, FieldPath contentPath, FieldPath mimeTypePath) {
        String content = document.string(contentPath);
        if (content == null || content.isEmpty()) {
            return; // nothing to redact, and no reason to read its type
        }
        replace(document, content, redactor.text(document.string(mimeTypePath), content), contentPath);
    }

    private void headers(FieldEditor document) {
        Object headers = document.get(Ecs.HTTP_REQUEST_HEADERS);
        if (headers instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) headers;
            List<Object> secret = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey();
                if (key instanceof CharSequence && e.getValue() != null && !Redactor.REDACTED.equals(e.getValue())
                        && redactor.isSecretHeader(key.toString())) {
                    secret.add(key);
                }
            }
            if (!secret.isEmpty()) {
                redactHeaders(document, map, secret);
            }
        } else if (headers instanceof List) {
            // Not the record's shape, but a list of "Name: value" lines must not smuggle a secret past us.
            List<Object> lines = new ArrayList<>((List<?>) headers);
            boolean changed = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) instanceof CharSequence) {
                    String line = lines.get(i).toString();
                    String scrubbed = redactor.text(LOG_LINE, line);
                    changed |= !scrubbed.equals(line);
                    lines.set(i, scrubbed);
                }
            }
            if (changed) {
                document.put(lines, Ecs.HTTP_REQUEST_HEADERS);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void redactHeaders(FieldEditor document, Map<?, ?> headers, List<Object> secret) {
        // Keys are put back as the very objects found, so maps keyed by identity still match.
        Map<Object, Object> target = (Map<Object, Object>) headers;
        try {
            for (Object key : secret) {
                target.put(key, Redactor.REDACTED);
            }
            document.edited(Ecs.HTTP_REQUEST_HEADERS, headers);
        } catch (UnsupportedOperationException readOnly) {
            Map<Object, Object> copy = new LinkedHashMap<>(target);
            for (Object key : secret) {
                copy.put(key, Redactor.REDACTED);
            }
            document.put(copy, Ecs.HTTP_REQUEST_HEADERS);
        }
    }

    private static void replace(FieldEditor document, String before, String after, FieldPath path) {
        if (before != null && after != null && !after.equals(before)) {
            document.put(after, path);
        }
    }
}
