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

    void apply(EditedDocument document) {
        String original = document.string("url", "original");
        replace(document, original, redactor.url(original), "url", "original");
        String query = document.string("url", "query");
        if (query != null) {
            // As the query of a URL: the same parameter names, the same tolerance of odd separators.
            replace(document, query, redactor.query(query), "url", "query");
        }
        headers(document);
        body(document, "request");
        body(document, "response");
        String message = document.string("message");
        replace(document, message, redactor.text(LOG_LINE, message), "message");
        // Logstash keeps the raw input line here; the JSON of a record names its secrets like any JSON body.
        String eventOriginal = document.string("event", "original");
        replace(document, eventOriginal, redactor.text(null, eventOriginal), "event", "original");
    }

    private void body(EditedDocument document, String side) {
        String content = document.string("http", side, "body", "content");
        if (content == null || content.isEmpty()) {
            return; // nothing to redact, and no reason to read its type
        }
        String mimeType = document.string("http", side, "mime_type");
        replace(document, content, redactor.text(mimeType, content), "http", side, "body", "content");
    }

    private void headers(EditedDocument document) {
        Object headers = document.get("http", "request", "headers");
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
                document.put(lines, "http", "request", "headers");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void redactHeaders(EditedDocument document, Map<?, ?> headers, List<Object> secret) {
        // Keys are put back as the very objects found, so maps keyed by identity still match.
        Map<Object, Object> target = (Map<Object, Object>) headers;
        try {
            for (Object key : secret) {
                target.put(key, Redactor.REDACTED);
            }
            document.changed("http");
        } catch (UnsupportedOperationException readOnly) {
            Map<Object, Object> copy = new LinkedHashMap<>(target);
            for (Object key : secret) {
                copy.put(key, Redactor.REDACTED);
            }
            document.put(copy, "http", "request", "headers");
        }
    }

    private static void replace(EditedDocument document, String before, String after, String... path) {
        if (before != null && after != null && !after.equals(before)) {
            document.put(after, path);
        }
    }
}
