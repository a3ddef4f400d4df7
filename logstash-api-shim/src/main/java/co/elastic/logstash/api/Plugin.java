package co.elastic.logstash.api;

import java.util.Collection;

/** What every Logstash Java plugin has: a settings schema, an id and a name. */
public interface Plugin {

    /** Every setting this plugin accepts; Logstash rejects configuration keys outside it. */
    Collection<PluginConfigSpec<?>> configSchema();

    /** The {@link LogstashPlugin#name()} of the implementing class, else its class name. */
    default String getName() {
        LogstashPlugin annotation = getClass().getDeclaredAnnotation(LogstashPlugin.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : getClass().getName();
    }

    String getId();
}
