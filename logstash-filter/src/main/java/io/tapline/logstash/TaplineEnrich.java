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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final String VERSION_REFERENCE = FieldReferences.topLevel(Enrichment.Fields.VERSION);

    private final String id;
    private final Enrichment enrichment;
    private final Logger logger;

    /** The constructor Logstash calls; a bad setting throws {@link IllegalArgumentException} naming it. */
    public TaplineEnrich(String id, Configuration config, Context context) {
        this.id = id;
        this.enrichment = Enrichment.of(new Enricher(enrichmentConfig(config)));
        this.logger = context == null ? null : context.getLogger(this);
    }

    /** For tests: any enrichment function (its changes are found by comparison), and a logger that may be null. */
    TaplineEnrich(String id, UnaryOperator<Map<String, Object>> enrich, Logger logger) {
        this.id = id;
        this.enrichment = Enrichment.diffing(enrich);
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

    /**
     * Every change is worked out before the first write, so a failing core leaves the event untouched. Logstash
     * hands out copies of its values and converts what it is given, so the core reads only the fields it needs
     * and only the fields it changed are written back.
     */
    private boolean enrichOne(Event event) {
        try {
            Enrichment.Changes changes = enrichment.apply(event);
            changes.writeTo(event);
            event.remove(VERSION_REFERENCE);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            event.tag(FAILURE_TAG);
            if (logger != null && logger.isDebugEnabled()) {
                logger.debug("tapline_enrich {}: event not enriched, tagged {}: {}", id, FAILURE_TAG, e.toString());
            }
            return false;
        }
    }
}
