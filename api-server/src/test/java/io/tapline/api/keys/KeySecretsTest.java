package io.tapline.api.keys;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeySecretsTest {

    private final KeySecrets secrets = new KeySecrets(new SecureRandom());

    @Test
    void aFormattedKeyParsesBackIntoItsIdAndSecret() {
        String id = secrets.newId();
        String secret = secrets.newSecret();

        KeySecrets.Presented parsed = KeySecrets.parse(KeySecrets.format(id, secret));

        assertThat(parsed).isEqualTo(new KeySecrets.Presented(id, secret));
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void anythingNotInTheKeyFormatParsesToNothing() {
        String good = KeySecrets.format(secrets.newId(), secrets.newSecret());
        for (String bad : new String[]{null, "", "tpl_", good + "x", good.substring(1), good.replace("tpl_", "tpk_"),
                "tpl_0123456789ABCDEF_" + good.substring(21), good.substring(0, 20) + "-" + good.substring(21),
                "tpl_0123456789abcdef_" + "a".repeat(42) + "="}) {
            assertThat(KeySecrets.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void onlyTheRightSecretMatchesAndTheSameSecretHashesDifferentlyUnderAnotherSalt() {
        String secret = secrets.newSecret();
        byte[] salt = secrets.newSalt();
        StoredKey stored = new StoredKey(new ApiKey("0123456789abcdef", "n", KeyRole.TENANT, Set.of("p"),
                Instant.EPOCH, null, null), salt, KeySecrets.hash(salt, secret));

        assertThat(KeySecrets.matches(stored, secret)).isTrue();
        assertThat(KeySecrets.matches(stored, secrets.newSecret())).isFalse();
        assertThat(KeySecrets.hash(secrets.newSalt(), secret)).isNotEqualTo(stored.hash());
        assertThat(stored.hash()).hasSize(32);
    }

    @Test
    void idsAndSecretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(secrets.newId())).isTrue();
        }
    }

    @Test
    void storedKeysNeverPrintTheirVerificationMaterial() {
        StoredKey stored = new StoredKey(new ApiKey("0123456789abcdef", "n", KeyRole.ADMIN, Set.of(),
                Instant.EPOCH, null, null), new byte[]{1, 2}, new byte[]{3, 4});
        assertThat(stored.toString()).doesNotContain("salt", "hash", "[B@");
    }
}
