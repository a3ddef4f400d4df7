package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcsLayoutTest {

    @Test
    void hasOneLeafPerEcsPathOfTheTableInTableOrder() {
        EcsLayout layout = EcsLayout.of(RecordFields.ALL);

        int leaf = 0;
        for (int f = 0; f < RecordFields.ALL.size(); f++) {
            RecordField field = RecordFields.ALL.get(f);
            assertThat(layout.firstLeafOf(f)).isEqualTo(leaf);
            for (String path : field.ecsPaths()) {
                EcsLayout.Leaf l = layout.leaf(leaf++);
                assertThat(l.field()).isSameAs(field);
                assertThat(l.name().getValue()).isEqualTo(path.substring(path.lastIndexOf('.') + 1));
                assertThat(l.depth()).isEqualTo(path.split("\\.").length - 1);
            }
        }
        assertThat(layout.leafCount()).isEqualTo(leaf);
    }

    @Test
    void refusesATableWhereOnePathIsBothAValueAndAnObject() {
        RecordField parent = new RecordField("a", FieldType.STRING, List.of("a"), List.of("x.y"), false,
                LogRecord::action, (b, v) -> b.action((String) v));
        RecordField child = new RecordField("m", FieldType.STRING, List.of("m"), List.of("x.y.z"), false,
                LogRecord::message, (b, v) -> b.message((String) v));

        assertThatThrownBy(() -> EcsLayout.of(List.of(parent, child)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x.y");
    }
}
