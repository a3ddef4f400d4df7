package io.tapline.api.cursor;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final CursorKey key = CursorKey.random();
    private final CursorCodec codec = new CursorCodec(key, Clock.fixed(NOW, ZoneOffset.UTC));
    private final FanoutCursor cursor = new FanoutCursor("pit-id==", List.of(1_718_201_234_000L, 145_342_448_275_066_880L, 7L),
            "ab".repeat(32), 128, NOW.plus(Duration.ofMinutes(5)));

    @Test
    void aCursorComesBackExactlyAsIssuedAndIsOneBase64UrlToken() {
        String token = codec.encode(cursor);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        FanoutCursor back = codec.decode(token, cursor.fingerprint());
        assertThat(back.snapshotId()).isEqualTo(cursor.snapshotId());
        assertThat(back.after()).isEqualTo(cursor.after());
        assertThat(back.served()).isEqualTo(128);
    }

    @Test
    void everyAlteredCharacterIsDetected() {
        String token = codec.encode(cursor);
        for (int i = 0; i < token.length(); i += 7) {
            char[] chars = token.toCharArray();
            chars[i] = chars[i] == 'x' ? 'y' : 'x';
            String altered = new String(chars);
            assertThatThrownBy(() -> codec.decode(altered, cursor.fingerprint()))
                    .isInstanceOf(CursorCodec.InvalidCursorException.class).hasMessageStartingWith("cursor ");
        }
    }

    @Test
    void anotherKeyExpiryAndOtherFiltersAreRefused() {
        String token = codec.encode(cursor);
        assertThatThrownBy(() -> new CursorCodec(CursorKey.random(), Clock.fixed(NOW, ZoneOffset.UTC))
                .decode(token, cursor.fingerprint())).hasMessageContaining("signature is invalid");
        assertThatThrownBy(() -> new CursorCodec(key, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC))
                .decode(token, cursor.fingerprint())).hasMessage("cursor has expired; start again with an empty cursor");
        assertThatThrownBy(() -> codec.decode(token, "cd".repeat(32))).hasMessageStartingWith("cursor was issued for other filters");
    }

    @Test
    void aKeyShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> CursorKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
