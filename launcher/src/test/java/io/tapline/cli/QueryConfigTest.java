package io.tapline.cli;

import io.tapline.api.query.QuerySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryConfigTest {

    @Test
    void fanoutIsOffAndTheSettleWindowFiveSecondsByDefault(@TempDir Path dir) {
        QuerySettings settings = QueryConfig.fromEnvironment(Map.of()).settings(dir);
        assertThat(settings.adminFanout()).isFalse();
        assertThat(settings.settleWindow()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void logsAdminFanoutTrueTurnsTheFanoutOnAndAnythingButTrueOrFalseIsAnError(@TempDir Path dir) {
        assertThat(QueryConfig.fromEnvironment(Map.of("LOGS_ADMIN_FANOUT", "true")).settings(dir).adminFanout()).isTrue();
        assertThat(QueryConfig.fromEnvironment(Map.of("LOGS_ADMIN_FANOUT", "FALSE")).adminFanout()).isFalse();
        assertThatThrownBy(() -> QueryConfig.fromEnvironment(Map.of("LOGS_ADMIN_FANOUT", "yes")))
                .isInstanceOf(ConfigException.class).hasMessage("LOGS_ADMIN_FANOUT must be true or false");
    }

    @Test
    void theCursorKeyIsGeneratedOnceIntoTheDataDirectoryReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        QueryConfig config = QueryConfig.fromEnvironment(Map.of());
        QuerySettings first = config.settings(dir);
        Path file = dir.resolve("cursor-key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(config.settings(dir).cursorKey()).isEqualTo(first.cursorKey());
    }

    @Test
    void tapLineCursorKeyMustBeBase64OfAtLeast32Bytes(@TempDir Path dir) {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(QueryConfig.fromEnvironment(Map.of("TAPLINE_CURSOR_KEY", good)).settings(dir).cursorKey()).isNotNull();
        assertThat(dir.resolve("cursor-key")).doesNotExist();
        assertThatThrownBy(() -> QueryConfig.fromEnvironment(Map.of("TAPLINE_CURSOR_KEY",
                Base64.getEncoder().encodeToString(new byte[16]))).settings(dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TAPLINE_CURSOR_KEY");
        assertThatThrownBy(() -> QueryConfig.fromEnvironment(Map.of("TAPLINE_CURSOR_KEY", "not base64 !")).settings(dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TAPLINE_CURSOR_KEY");
    }

    @Test
    void tapLineSettleMsSetsTheWindowWithinBounds(@TempDir Path dir) {
        assertThat(QueryConfig.fromEnvironment(Map.of("TAPLINE_SETTLE_MS", "0")).settings(dir).settleWindow()).isZero();
        for (String bad : new String[]{"-1", "600001", "5s", "1e3"}) {
            assertThatThrownBy(() -> QueryConfig.fromEnvironment(Map.of("TAPLINE_SETTLE_MS", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("TAPLINE_SETTLE_MS must be an integer between 0 and 600000");
        }
    }
}
