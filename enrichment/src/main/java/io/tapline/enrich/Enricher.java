package io.tapline.enrich;

import io.tapline.enrich.OwnedFields.Field;
import io.tapline.redact.Redactor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Enriches and classifies the ECS document of one Tapline record, in place: level, URL parts, route, status and
 * outcome classes, slowness, error class, user agent, client IP class, threat flags and message pattern, after
 * redacting secrets once more. The proxy's direct sink and the Logstash filter run this same code, so both store
 * identical documents. Immutable and thread-safe; enriching a document twice gives the same document as once.
 *
 * <p>Only fields the index template maps are written: {@code log.level}, {@code url.path}, {@code url.query},
 * {@code url.scheme}, {@code url.domain}, {@code url.port}, {@code url.extension}, {@code user_agent.name},
 * {@code user_agent.version} and {@code tapline.enrichment.}{@code route}, {@code class}, {@code status_class},
 * {@code error_class}, {@code slow}, {@code user_agent_class}, {@code client_ip_class}, {@code client_ip_version},
 * {@code threat}, {@code log_format}, {@code pattern}, {@code pattern_id} (each removed again when it no longer
 * applies; other keys under {@code tapline.enrichment} are left alone). Redaction rewrites {@code url.original},
 * {@code url.query}, {@code http.request.headers}, the two {@code http.*.body.content}, {@code message} and
 * {@code event.original}. Odd values are skipped, never thrown.
 */
public final class Enricher {
    /** The fields under {@code tapline.enrichment} that the enricher owns: it writes or removes each of them. */
    static final List<String> ENRICHMENT_FIELDS = OwnedFields.KEYS;

    private static final String REQUEST = "request";
    private static final String RESPONSE = "response";
    private static final String EVENT = "event";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final EnrichmentConfig config;
    private final DocumentRedaction redaction;

    public Enricher(EnrichmentConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.redaction = new DocumentRedaction(new Redactor(config.redaction()));
    }

    public static Enricher withDefaults() {
        return new Enricher(EnrichmentConfig.defaults());
    }

    public EnrichmentConfig config() {
        return config;
    }

    /**
     * Enriches {@code document} in place and returns it. Throws {@link IllegalArgumentException} only when the
     * document is not a map; fields of the wrong type or with odd values are skipped. The document itself must be
     * mutable; a read-only nested object is replaced by an edited mutable copy.
     */
    public Map<String, Object> enrich(Map<String, Object> document) {
        enrichReportingChanges(document);
        return document;
    }

    /**
     * Enriches {@code document} in place, as {@link #enrich} does, and returns the names of the top-level fields it
     * changed (added, replaced or edited anything under), each once: all a caller holding another copy of the
     * record needs to write back. Empty when the document was already enriched.
     */
    public List<String> enrichReportingChanges(Map<String, Object> document) {
        Object any = document;
        if (!(any instanceof Map)) {
            throw new IllegalArgumentException("document must be a map, got "
                    + (any == null ? "null" : any.getClass().getName()));
        }
        EditedDocument doc = new EditedDocument(document);
        enrich(doc);
        return doc.changedFields();
    }

    /**
     * Enriches a record held elsewhere (a Logstash event), reading only the fields it needs, each once, and
     * returns the changes instead of making them: applied to the record, they make it the document
     * {@link #enrich(Map)} makes of the same record. Throws nothing for odd values, as {@link #enrich(Map)}.
     */
    public FieldChanges enrichRecord(RecordFields record) {
        if (record == null) {
            throw new IllegalArgumentException("record must not be null");
        }
        EditedRecord doc = new EditedRecord(record);
        enrich(doc);
        return doc.changes();
    }

    private void enrich(FieldEditor doc) {
        redaction.apply(doc);
        OwnedFields out = new OwnedFields();
        String kind = lowerCase(doc.string(Ecs.TAPLINE_KIND));
        boolean exchange = REQUEST.equals(kind) || RESPONSE.equals(kind);
        boolean event = EVENT.equals(kind);

        String originalUrl = doc.string(Ecs.URL_ORIGINAL);
        UrlFacts urlFacts = UrlFacts.of(originalUrl);
        String route = url(doc, urlFacts, out);
        Integer status = RecordClass.validStatus(doc.get(Ecs.HTTP_RESPONSE_STATUS_CODE));
        if (status != null) {
            out.put(Field.STATUS_CLASS, RecordClass.statusClass(status));
        }
        boolean slow = isSlow(doc);
        if (slow) {
            out.put(Field.SLOW, Boolean.TRUE);
        }

        String message = doc.string(Ecs.MESSAGE);
        LogLineParser.LogLine line = event ? LogLineParser.parse(message) : null;
        String level = null;
        if (exchange) {
            level = LevelRules.forExchange(status, slow);
        } else if (event) {
            level = LevelRules.forEvent(doc.string(Ecs.LOG_LEVEL), line);
        }
        doc.put(level, Ecs.LOG_LEVEL);
        if (line != null) {
            out.put(Field.LOG_FORMAT, line.format);
        }

        if (event) {
            out.put(Field.CLASS, RecordClass.ofEvent(level));
            out.put(Field.ERROR_CLASS, ErrorClassifier.ofEvent(doc.string(Ecs.EVENT_ACTION), message));
        } else if (status != null) {
            out.put(Field.CLASS, RecordClass.ofStatus(status));
        }

        boolean scanner = userAgent(doc, out);
        IpClassifier.IpClass ip = IpClassifier.classify(doc.string(Ecs.CLIENT_IP));
        if (ip != null) {
            out.put(Field.CLIENT_IP_CLASS, ip.ipClass);
            out.put(Field.CLIENT_IP_VERSION, ip.version);
        }
        int targetFlags = urlFacts != null ? urlFacts.threatFlags : ThreatDetector.targetFlags(threatTarget(doc));
        List<String> threats = ThreatDetector.detect(targetFlags, scanner);
        if (!threats.isEmpty()) {
            out.put(Field.THREAT, threats);
        }

        String method = MessagePattern.method(doc.string(Ecs.HTTP_REQUEST_METHOD));
        if (exchange || (!event && (method != null || route != null))) {
            ExchangePatterns.Pattern pattern = ExchangePatterns.of(method, route,
                    REQUEST.equals(kind) || status == null ? null : RecordClass.statusClass(status));
            if (pattern != null) {
                out.put(Field.PATTERN, pattern.pattern);
                out.put(Field.PATTERN_ID, pattern.id);
            }
        } else {
            String pattern = MessagePattern.ofMessage(message, line != null ? line.bodyStart : 0);
            if (pattern != null) {
                out.put(Field.PATTERN, pattern);
                out.put(Field.PATTERN_ID, PatternId.of(pattern));
            }
        }
        writeEnrichment(doc, out);
    }

    /**
     * Writes the url.* parts of url.original (worked out with its route in {@code facts}); returns the route
     * template of the path, whatever its source.
     */
    private static String url(FieldEditor doc, UrlFacts facts, OwnedFields out) {
        UrlParts parts = facts == null ? null : facts.parts;
        String route;
        if (parts != null) {
            doc.put(parts.path, Ecs.URL_PATH);
            doc.put(parts.query, Ecs.URL_QUERY);
            doc.put(parts.scheme, Ecs.URL_SCHEME);
            doc.put(parts.domain, Ecs.URL_DOMAIN);
            doc.put(parts.port, Ecs.URL_PORT);
            doc.put(parts.extension, Ecs.URL_EXTENSION);
            route = facts.route;
        } else {
            route = RouteTemplate.of(doc.string(Ecs.URL_PATH));
        }
        out.put(Field.ROUTE, route);
        return route;
    }

    private boolean isSlow(FieldEditor doc) {
        Double nanos = Documents.decimal(doc.get(Ecs.EVENT_DURATION));
        if (nanos == null || nanos < 0) {
            return false;
        }
        long thresholdMs = config.slowThresholdMs(doc.string(Ecs.SERVICE_NAME));
        return nanos >= (double) thresholdMs * NANOS_PER_MILLI;
    }

    /** Writes the agent's class, name and version; returns whether it is a security scanner. */
    private static boolean userAgent(FieldEditor doc, OwnedFields out) {
        UserAgentClassifier.Agent agent = UserAgentClassifier.classify(doc.string(Ecs.USER_AGENT_ORIGINAL));
        if (agent == null) {
            return false;
        }
        out.put(Field.USER_AGENT_CLASS, agent.agentClass);
        doc.put(agent.name, Ecs.USER_AGENT_NAME);
        doc.put(agent.version, Ecs.USER_AGENT_VERSION);
        return agent.scanner;
    }

    /** What an attack would be hidden in when there is no url.original: the stored path and query. */
    private static String threatTarget(FieldEditor doc) {
        String path = doc.string(Ecs.URL_PATH);
        String query = doc.string(Ecs.URL_QUERY);
        if (path == null && query == null) {
            return null;
        }
        return (path != null ? path : "") + (query != null ? "?" + query : "");
    }

    /**
     * Sets every owned enrichment field that was computed and removes the stale ones, leaving others' fields. The
     * object is looked at once and only written when some owned field differs.
     */
    private static void writeEnrichment(FieldEditor doc, OwnedFields out) {
        Object existing = doc.get(Ecs.TAPLINE_ENRICHMENT);
        if (out.isEmpty() && !(existing instanceof Map)) {
            return;
        }
        Map<?, ?> current = existing instanceof Map ? (Map<?, ?>) existing : Map.of();
        int differing = out.differing(current); // a bit per owned field whose value is not the computed one
        if (differing == 0) {
            return;
        }
        int changes = differing;
        // The object edited has the content looked at: the object itself, or a copy of it when it is read-only.
        doc.update(enrichment -> {
            for (Field field : OwnedFields.ALL) {
                if ((changes & 1 << field.ordinal()) != 0) {
                    Object value = out.get(field);
                    if (value != null) {
                        enrichment.put(field.key, value);
                    } else {
                        enrichment.remove(field.key);
                    }
                }
            }
        }, Ecs.TAPLINE_ENRICHMENT);
    }

    private static String lowerCase(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
