package io.tapline.logstash;

import co.elastic.logstash.api.Filter;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the gem `mvn package` built (a tar of metadata.gz and data.tar.gz) and checks what Logstash's
 * {@code bin/logstash-plugin install} and its Java plugin loader rely on. Runs after package (failsafe).
 */
class GemLayoutIT {
    private static final String GEM_NAME = "logstash-filter-tapline_enrich";
    private static final String VERSION = System.getProperty("tapline.gem.version");
    private static final String JAR = "vendor/jar-dependencies/io/tapline/" + GEM_NAME + "/" + VERSION + "/"
            + GEM_NAME + "-" + VERSION + ".jar";

    private final Map<String, byte[]> gem = Tar.files(read(Path.of(System.getProperty("tapline.gem"))));
    private final Map<String, byte[]> data = Tar.files(Tar.gunzip(gem.get("data.tar.gz")));

    @Test
    void theGemIsNamedForLogstashAndHoldsExactlyThePluginsFiles() {
        assertThat(Path.of(System.getProperty("tapline.gem")).getFileName())
                .hasToString(GEM_NAME + "-" + VERSION + "-java.gem");
        assertThat(VERSION).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(gem).containsKeys("metadata.gz", "data.tar.gz");
        assertThat(data.keySet()).containsExactlyInAnyOrder(GEM_NAME + ".gemspec", "README.md",
                "lib/logstash/filters/tapline_enrich.rb", "lib/" + GEM_NAME + "_jars.rb", JAR);
        assertThat(data.keySet().stream().filter(name -> name.endsWith(".jar"))).containsExactly(JAR);
    }

    @Test
    void theGemspecMetadataMarksAJavaFilterPlugin() {
        String yaml = new String(Tar.gunzip(gem.get("metadata.gz")), StandardCharsets.UTF_8);
        assertThat(yaml).contains("name: " + GEM_NAME + "\n")
                .contains("version: " + VERSION + "\n")
                .contains("platform: java\n")
                .contains("logstash_plugin: 'true'", "logstash_group: filter", "java_plugin: 'true'")
                .contains("require_paths:\n- lib\n- vendor/jar-dependencies\n");
        String pluginApi = yaml.substring(yaml.indexOf("name: logstash-core-plugin-api"));
        assertThat(pluginApi.substring(0, pluginApi.indexOf("- !ruby/object:Gem::Dependency") + 1))
                .contains("type: :runtime")
                .containsPattern("- - \">=\"\\n\\s+- !ruby/object:Gem::Version\\n\\s+version: '1\\.60'")
                .containsPattern("- - \"<=\"\\n\\s+- !ruby/object:Gem::Version\\n\\s+version: '2\\.99'");
        assertThat(yaml).contains("name: jar-dependencies");
    }

    @Test
    void theRubyFilesRequireTheOneJarAndNameTheJavaClass() {
        String jars = text("lib/" + GEM_NAME + "_jars.rb");
        assertThat(jars).contains("require 'jar_dependencies'")
                .contains("require_jar('io.tapline', '" + GEM_NAME + "', '" + VERSION + "')");
        String ruby = text("lib/logstash/filters/tapline_enrich.rb");
        assertThat(ruby).contains("class LogStash::Filters::TaplineEnrich < LogStash::Filters::Base")
                .contains("require '" + GEM_NAME + "_jars'");
        assertThat(PluginFiles.configName(ruby)).isEqualTo("tapline_enrich");
        assertThat(PluginFiles.javaClassConstant(ruby)).isEqualTo(PluginFiles.jrubyConstant(TaplineEnrich.class));
    }

    @Test
    void theJarCarriesThePluginAndTheCoreForJava11AndNothingLogstashProvides() throws IOException {
        List<String> classes = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(data.get(JAR)))) {
            for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                if (entry.getName().endsWith(".class")) {
                    classes.add(entry.getName());
                    byte[] head = jar.readNBytes(8);
                    if (((head[6] & 0xff) << 8 | head[7] & 0xff) > 55) {
                        tooNew.add(entry.getName());
                    }
                }
            }
        }
        assertThat(classes).contains("io/tapline/logstash/TaplineEnrich.class", "io/tapline/enrich/Enricher.class",
                "io/tapline/enrich/EnrichmentConfig.class");
        assertThat(classes).noneMatch(name -> name.startsWith("co/elastic/logstash/")
                || name.startsWith("org/logstash/") || name.startsWith("org/apache/logging/"));
        assertThat(tooNew).as("classes above Java 11 (major 55)").isEmpty();
    }

    @Test
    void theJarLoadsThePluginNextToLogstashsApiAlone() throws Exception {
        Path jar = Files.createTempFile("tapline-plugin", ".jar");
        Files.write(jar, data.get(JAR));
        URL[] urls = {jar.toUri().toURL(), location(Filter.class), location(Logger.class)};
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> plugin = Class.forName("io.tapline.logstash.TaplineEnrich", true, loader);
            assertThat(plugin.getClassLoader()).isSameAs(loader);
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> annotation = (Class<? extends Annotation>)
                    loader.loadClass("co.elastic.logstash.api.LogstashPlugin");
            Object name = annotation.getMethod("name").invoke(plugin.getAnnotation(annotation));
            assertThat(name).isEqualTo("tapline_enrich")
                    .isEqualTo(PluginFiles.configName(text("lib/logstash/filters/tapline_enrich.rb")));

            Class<?> configuration = loader.loadClass("co.elastic.logstash.api.Configuration");
            Class<?> context = loader.loadClass("co.elastic.logstash.api.Context");
            Object instance = plugin.getConstructor(String.class, configuration, context)
                    .newInstance("tapline_enrich_1", defaultsOnly(loader, configuration), nothing(loader, context));
            Collection<?> schema = (Collection<?>) plugin.getMethod("configSchema").invoke(instance);
            assertThat(schema).hasSize(12);
        } finally {
            Files.delete(jar);
        }
    }

    /** A Configuration (of the isolated loader) with no keys: every setting at its default. */
    private static Object defaultsOnly(ClassLoader loader, Class<?> configuration) {
        return Proxy.newProxyInstance(loader, new Class<?>[]{configuration}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "get":
                    return args[0].getClass().getMethod("defaultValue").invoke(args[0]);
                case "contains":
                    return false;
                case "allKeys":
                    return List.of();
                default:
                    return null;
            }
        });
    }

    private static Object nothing(ClassLoader loader, Class<?> type) {
        return Proxy.newProxyInstance(loader, new Class<?>[]{type}, (proxy, method, args) -> null);
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private String text(String path) {
        return new String(data.get(path), StandardCharsets.UTF_8);
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AssertionError("no gem at " + path + ": run `mvn package` in logstash-filter first", e);
        }
    }
}
