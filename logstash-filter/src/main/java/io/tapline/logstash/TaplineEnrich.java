package io.tapline.logstash;

import co.elastic.logstash.api.Configuration;
import co.elastic.logstash.api.Context;
import co.elastic.logstash.api.Event;
import co.elastic.logstash.api.Filter;
import co.elastic.logstash.api.FilterMatchListener;
import co.elastic.logstash.api.LogstashPlugin;
import co.elastic.logstash.api.PluginConfigSpec;
import co.elastic.logstash.api.PluginHelper;
import io.tapline.enrich.Enricher;
import io.tapline.enrich.EnrichmentConfig;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Logstash filter {@code tapline_enrich}: runs each event's ECS document through the enrichment core and writes
 * back what changed. An event it cannot enrich is tagged {@value #FAILURE_TAG} and passed on, never dropped.
 */
@LogstashPlugin(name = "tapline_enrich")
public final class TaplineEnrich implements Filter {
    /** Tag of an event the filter could not enrich; the event is otherwise left as it came. */
    public static final String FAILURE_TAG = "_tapline_enrich_failure";

    static final PluginConfigSpec<Long> SLOW_THRESHOLD_MS = PluginConfigSpec.numSetting("slow_threshold_ms");
    static final PluginConfigSpec<Map<String, Object>> SLOW_THRESHOLDS_MS =
            PluginConfigSpec.hashSetting("slow_thresholds_ms");
    static final PluginConfigSpec<List<Object>> REDACT_HEADERS = PluginConfigSpec.arraySetting("redact_headers");
    static final PluginConfigSpec<List<Object>> REDACT_QUERY_PARAMS =
            PluginConfigSpec.arraySetting("redact_query_params");
    static final PluginConfigSpec<List<Object>> REDACT_JSON_FIELDS =
            PluginConfigSpec.arraySetting("redact_json_fields");
    /** The filter's own settings; their names are EnrichmentConfig's setting names, their defaults its defaults. */
    static final List<PluginConfigSpec<?>> OWN_SETTINGS = List.of(SLOW_THRESHOLD_MS, SLOW_THRESHOLDS_MS,
            REDACT_HEADERS, REDACT_QUERY_PARAMS, REDACT_JSON_FIELDS);

    private static final String TIMESTAMP = "@timestamp";
    // Logstash's bookkeeping field; the index template is strict and has no mapping for it.
    private static final String VERSION = "@version";

    private final String id;
    private final UnaryOperator<Map<String, Object>> enrich;
    private final Logger logger;

    /** The constructor Logstash calls; a bad setting throws {@link IllegalArgumentException} naming it. */
    public TaplineEnrich(String id, Configuration config, Context context) {
        this.id = id;
        Enricher enricher = new Enricher(enrichmentConfig(config));
        this.enrich = enricher::enrich;
        this.logger = context == null ? null : context.getLogger(this);
    }

    /** For tests: any enrichment function, and a logger that may be null. */
    TaplineEnrich(String id, UnaryOperator<Map<String, Object>> enrich, Logger logger) {
        this.id = id;
        this.enrich = Objects.requireNonNull(enrich, "enrich");
        this.logger = logger;
    }

    static EnrichmentConfig enrichmentConfig(Configuration config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (PluginConfigSpec<?> spec : OWN_SETTINGS) {
            Object value = config.get(spec);
            if (value != null) {
                settings.put(spec.name(), value);
            }
        }
        try {
            return EnrichmentConfig.fromSettings(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tapline_enrich: " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<PluginConfigSpec<?>> configSchema() {
        return PluginHelper.commonFilterSettings(OWN_SETTINGS);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public Collection<Event> filter(Collection<Event> events, FilterMatchListener matchListener) {
        for (Event event : events) {
            if (enrichOne(event)) {
                matchListener.filterMatched(event);
            }
        }
        return events;
    }

    private boolean enrichOne(Event event) {
        try {
            Map<String, Object> document = event.toMap();
            document.remove(VERSION);
            Object timestamp = document.get(TIMESTAMP);
            if (timestamp != null && !(timestamp instanceof String)) {
                // Logstash hands its own Timestamp type; the core reads the ISO form the wire carries.
                document.put(TIMESTAMP, timestamp.toString());
            }
            Map<String, Object> before = DeepCopy.unordered(document);
            Map<String, Object> enriched = enrich.apply(document);
            Map<String, Object> after = enriched == null ? document : enriched;
            List<String> removed = new ArrayList<>();
            Map<String, Object> changed = changes(before, after, removed);
            // Every change is known before the first write, so a failing core leaves the event untouched.
            for (Map.Entry<String, Object> field : changed.entrySet()) {
                event.setField(reference(field.getKey()), field.getValue());
            }
            for (String key : removed) {
                event.remove(reference(key));
            }
            event.remove(reference(VERSION));
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            event.tag(FAILURE_TAG);
            if (logger != null && logger.isDebugEnabled()) {
                logger.debug("tapline_enrich {}: event not enriched, tagged {}: {}", id, FAILURE_TAG, e.toString());
            }
            return false;
        }
    }

    /** Top-level fields added or changed from {@code before} to {@code after}; deleted ones go to {@code removed}. */
    private static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after,
                                               List<String> removed) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : after.entrySet()) {
            String key = field.getKey();
            if (!key.equals(TIMESTAMP) && !Objects.equals(before.get(key), field.getValue())) {
                changed.put(key, field.getValue());
            }
        }
        for (String key : before.keySet()) {
            if (!key.equals(TIMESTAMP) && !after.containsKey(key)) {
                removed.add(key);
            }
        }
        return changed;
    }

    private static String reference(String topLevelKey) {
        return "[" + topLevelKey + "]";
    }
}
