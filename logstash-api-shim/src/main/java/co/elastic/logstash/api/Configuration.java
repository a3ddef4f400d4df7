package co.elastic.logstash.api;

import java.util.Collection;

/** A plugin's settings from the pipeline configuration, read through their {@link PluginConfigSpec}s. */
public interface Configuration {

    /** The setting's value converted to its spec's type, or the spec's default when absent. */
    <T> T get(PluginConfigSpec<T> configSpec);

    Object getRawValue(PluginConfigSpec<?> configSpec);

    boolean contains(PluginConfigSpec<?> configSpec);

    /** Every key given in the pipeline configuration. */
    Collection<String> allKeys();
}
