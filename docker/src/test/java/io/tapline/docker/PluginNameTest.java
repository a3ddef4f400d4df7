package io.tapline.docker;

import co.elastic.logstash.api.LogstashPlugin;
import io.tapline.logstash.TaplineEnrich;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline the Logstash image runs names the filter under the name the plugin registers. */
class PluginNameTest {
    @Test
    void thePipelinesFilterIsThePluginsRegisteredName() {
        String ruby = DockerDir.read(DockerDir.REPO.resolve(
                "logstash-filter/src/main/gem/lib/logstash/filters/tapline_enrich.rb"));
        String annotated = TaplineEnrich.class.getAnnotation(LogstashPlugin.class).name();
        assertThat(Pipeline.firstFilterPlugin()).isEqualTo(annotated).isEqualTo(Pipeline.configName(ruby));
    }
}
