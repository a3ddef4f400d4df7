package io.tapline.logstash;

import co.elastic.logstash.api.Configuration;
import co.elastic.logstash.api.Plugin;
import co.elastic.logstash.api.PluginConfigSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check Logstash makes before constructing a Java plugin: every configured key is in the plugin's
 * {@code configSchema()} and every required setting is given. Tests use it to show what Logstash will reject.
 */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /** Throws {@link IllegalArgumentException} naming each unknown key and each missing required setting. */
    static void check(Plugin plugin, Configuration config) {
        Set<String> known = new TreeSet<>();
        for (PluginConfigSpec<?> spec : plugin.configSchema()) {
            known.add(spec.name());
        }
        List<String> errors = new ArrayList<>();
        for (String key : new TreeSet<>(config.allKeys())) {
            if (!known.contains(key)) {
                errors.add("unknown setting '" + key + "'");
            }
        }
        for (PluginConfigSpec<?> spec : plugin.configSchema()) {
            if (spec.required() && !config.allKeys().contains(spec.name())) {
                errors.add("required setting '" + spec.name() + "' is missing");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(plugin.getName() + ": " + String.join("; ", errors)
                    + " (known settings: " + String.join(", ", known) + ")");
        }
    }
}
