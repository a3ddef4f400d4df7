package co.elastic.logstash.api;

import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One setting of a plugin: name, value type, default, and whether it is required or deprecated. Built only
 * through the static factories, as in Logstash.
 *
 * @param <T> the type a {@link Configuration} converts the setting's value to
 */
public final class PluginConfigSpec<T> {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final boolean deprecated;
    private final boolean required;
    private String rawDefaultValue;

    private PluginConfigSpec(String name, Class<T> type, T defaultValue, boolean deprecated, boolean required) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.deprecated = deprecated;
        this.required = required;
    }

    private static <V> PluginConfigSpec<V> withRawDefault(PluginConfigSpec<V> spec, String rawDefault) {
        spec.rawDefaultValue = rawDefault;
        return spec;
    }

    public static PluginConfigSpec<String> stringSetting(String name) {
        return new PluginConfigSpec<>(name, String.class, null, false, false);
    }

    public static PluginConfigSpec<String> stringSetting(String name, String defaultValue) {
        return new PluginConfigSpec<>(name, String.class, defaultValue, false, false);
    }

    public static PluginConfigSpec<String> requiredStringSetting(String name) {
        return new PluginConfigSpec<>(name, String.class, null, false, true);
    }

    public static PluginConfigSpec<String> stringSetting(String name, String defaultValue, boolean deprecated,
                                                         boolean required) {
        return new PluginConfigSpec<>(name, String.class, defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<Codec> codecSetting(String name) {
        return new PluginConfigSpec<>(name, Codec.class, null, false, false);
    }

    public static PluginConfigSpec<Codec> codecSetting(String name, String defaultCodecName) {
        return withRawDefault(new PluginConfigSpec<>(name, Codec.class, null, false, false), defaultCodecName);
    }

    public static PluginConfigSpec<Codec> codecSetting(String name, Codec defaultValue, boolean deprecated,
                                                       boolean required) {
        return new PluginConfigSpec<>(name, Codec.class, defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<URI> uriSetting(String name) {
        return new PluginConfigSpec<>(name, URI.class, null, false, false);
    }

    public static PluginConfigSpec<URI> uriSetting(String name, String defaultUri) {
        return withRawDefault(new PluginConfigSpec<>(name, URI.class, null, false, false), defaultUri);
    }

    public static PluginConfigSpec<URI> uriSetting(String name, String defaultUri, boolean deprecated,
                                                   boolean required) {
        return withRawDefault(new PluginConfigSpec<>(name, URI.class, null, deprecated, required), defaultUri);
    }

    public static PluginConfigSpec<Long> numSetting(String name) {
        return new PluginConfigSpec<>(name, Long.class, null, false, false);
    }

    public static PluginConfigSpec<Long> numSetting(String name, long defaultValue) {
        return new PluginConfigSpec<>(name, Long.class, defaultValue, false, false);
    }

    public static PluginConfigSpec<Long> numSetting(String name, long defaultValue, boolean deprecated,
                                                    boolean required) {
        return new PluginConfigSpec<>(name, Long.class, defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<Double> floatSetting(String name, double defaultValue) {
        return new PluginConfigSpec<>(name, Double.class, defaultValue, false, false);
    }

    public static PluginConfigSpec<Double> floatSetting(String name, double defaultValue, boolean deprecated,
                                                        boolean required) {
        return new PluginConfigSpec<>(name, Double.class, defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<Boolean> booleanSetting(String name) {
        return new PluginConfigSpec<>(name, Boolean.class, null, false, false);
    }

    public static PluginConfigSpec<Boolean> booleanSetting(String name, boolean defaultValue) {
        return new PluginConfigSpec<>(name, Boolean.class, defaultValue, false, false);
    }

    public static PluginConfigSpec<Boolean> requiredBooleanSetting(String name) {
        return new PluginConfigSpec<>(name, Boolean.class, null, false, true);
    }

    public static PluginConfigSpec<Boolean> booleanSetting(String name, boolean defaultValue, boolean deprecated,
                                                           boolean required) {
        return new PluginConfigSpec<>(name, Boolean.class, defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<Map<String, Object>> hashSetting(String name) {
        return new PluginConfigSpec<>(name, mapType(), null, false, false);
    }

    public static PluginConfigSpec<Map<String, Object>> hashSetting(String name, Map<String, Object> defaultValue,
                                                                    boolean deprecated, boolean required) {
        return new PluginConfigSpec<>(name, mapType(), defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<List<Object>> arraySetting(String name) {
        return new PluginConfigSpec<>(name, listType(), null, false, false);
    }

    public static PluginConfigSpec<List<Object>> arraySetting(String name, List<Object> defaultValue,
                                                              boolean deprecated, boolean required) {
        return new PluginConfigSpec<>(name, listType(), defaultValue, deprecated, required);
    }

    public static PluginConfigSpec<Password> passwordSetting(String name) {
        return new PluginConfigSpec<>(name, Password.class, null, false, false);
    }

    public static PluginConfigSpec<Password> passwordSetting(String name, String defaultValue, boolean deprecated,
                                                             boolean required) {
        return withRawDefault(new PluginConfigSpec<>(name, Password.class, null, deprecated, required),
                defaultValue);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<List<Object>> listType() {
        return (Class) List.class;
    }

    /** Nested settings of a hash setting; none in this shim. */
    public Collection<PluginConfigSpec<?>> children() {
        return Collections.emptyList();
    }

    public boolean deprecated() {
        return deprecated;
    }

    public boolean required() {
        return required;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The textual default of codec, URI and password settings, which Logstash resolves itself. */
    public String getRawDefaultValue() {
        return rawDefaultValue;
    }
}
