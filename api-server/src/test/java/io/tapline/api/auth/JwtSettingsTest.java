package io.tapline.api.auth;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    @Test
    void aSecretOrAJwksIsRequired() {
        assertThatThrownBy(() -> JwtSettings.builder().build())
                .hasMessage("set TAPLINE_JWT_SECRET or TAPLINE_JWKS to accept bearer tokens");
    }

    @Test
    void anHs256SecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> JwtSettings.builder().secret("x".repeat(31)).build())
                .hasMessage("TAPLINE_JWT_SECRET must be at least 32 bytes (256 bits) for HS256");
        assertThat(JwtSettings.builder().secret("x".repeat(32)).build().audience()).isEqualTo("tapline");
    }

    @Test
    void jwksIsAUrlWhenItLooksLikeOneAndAFileOtherwise() {
        JwtSettings url = JwtSettings.builder().jwks("https://idp.example.com/.well-known/jwks.json").build();
        JwtSettings file = JwtSettings.builder().jwks("/etc/tapline/jwks.json").build();

        assertThat(url.jwksUrl()).hasToString("https://idp.example.com/.well-known/jwks.json");
        assertThat(url.jwksFile()).isNull();
        assertThat(file.jwksFile()).isEqualTo(Path.of("/etc/tapline/jwks.json"));
        assertThat(file.jwksUrl()).isNull();
        assertThatThrownBy(() -> JwtSettings.builder().jwks("http://").build())
                .hasMessageStartingWith("TAPLINE_JWKS");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        String secret = "s3cret-".repeat(6);
        assertThat(JwtSettings.builder().secret(secret).build().toString()).doesNotContain(secret).contains("secret=set");
    }

    @Test
    void aBlankAudienceIsRefused() {
        assertThatThrownBy(() -> JwtSettings.builder().secret("x".repeat(32)).audience(" ").build())
                .hasMessage("TAPLINE_JWT_AUDIENCE must not be blank");
    }
}
