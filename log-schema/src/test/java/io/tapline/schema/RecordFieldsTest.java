package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFieldsTest {

    @Test
    void everyLogRecordComponentHasExactlyOneRowInSeed004Order() {
        List<String> components = Arrays.stream(LogRecord.class.getRecordComponents())
                .map(RecordComponent::getName).toList();

        assertThat(RecordFields.ALL).extracting(RecordField::name).containsExactlyElementsOf(components);
    }

    @Test
    void noTwoFieldsShareAnApiOrEcsPath() {
        Set<String> api = new HashSet<>();
        Set<String> ecs = new HashSet<>();
        for (RecordField field : RecordFields.ALL) {
            field.apiPaths().forEach(p -> assertThat(api.add(p)).as("api path %s", p).isTrue());
            field.ecsPaths().forEach(p -> assertThat(ecs.add(p)).as("ecs path %s", p).isTrue());
        }
    }

    @Test
    void theDesignTablesPathsAreTheOnesInTheTable() {
        assertThat(RecordFields.ID.ecsPath()).isEqualTo("tapline.id");
        assertThat(RecordFields.TS_MS.apiPaths()).containsExactly("tsMs", "tsIso");
        assertThat(RecordFields.TS_MS.ecsPath()).isEqualTo("@timestamp");
        assertThat(RecordFields.DURATION_MS.apiPath()).isEqualTo("data.durationMs");
        assertThat(RecordFields.DURATION_MS.ecsPath()).isEqualTo("event.duration");
        assertThat(RecordFields.URL.ecsPaths()).containsExactly("url.original", "url.path", "url.query");
        assertThat(RecordFields.REQUEST_BODY.ecsPaths()).containsExactly("http.request.body.content",
                "http.request.body.truncated", "http.request.mime_type");
    }

    @Test
    void fieldsAreFoundByNameAndByAnyOfTheirApiPaths() {
        assertThat(RecordFields.byName("clientIp")).contains(RecordFields.CLIENT_IP);
        assertThat(RecordFields.byApiPath("tsIso")).contains(RecordFields.TS_MS);
        assertThat(RecordFields.byApiPath("data.bytesOut")).contains(RecordFields.BYTES_OUT);
        assertThat(RecordFields.byApiPath("nope")).isEmpty();
    }
}
