package io.tapline.cli.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOptionsTest {

    private static String jwtWithRole(String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"a\",\"role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    @Test
    void withoutAUrlAdminCredentialsGoToTheAdminListenerAndTenantTokensToTheTenantOne() {
        ClientOptions o = new ClientOptions();
        assertThat(o.resolve(Map.of("TAPLINE_API_KEY", "k", "TAPLINE_DATA_DIR", "/nonexistent")).url())
                .isEqualTo("http://127.0.0.1:3001");
        assertThat(o.resolve(Map.of("TAPLINE_TOKEN", jwtWithRole("tenant"))).url()).isEqualTo("http://127.0.0.1:3000");
        assertThat(o.resolve(Map.of("TAPLINE_TOKEN", jwtWithRole("admin"))).url()).isEqualTo("http://127.0.0.1:3001");
        assertThat(o.resolve(Map.of("TAPLINE_TOKEN", jwtWithRole("tenant"), "TAPLINE_API_PORT", "4000")).url())
                .isEqualTo("http://127.0.0.1:4000");
        assertThat(o.resolve(Map.of("TAPLINE_API_KEY", "k", "TAPLINE_ADMIN_PORT", "4001")).url())
                .isEqualTo("http://127.0.0.1:4001");
    }

    @Test
    void optionsWinOverVariables() {
        ClientOptions o = new ClientOptions();
        o.url = "https://tapline.example.com";
        o.apiKey = "from-option";
        ClientOptions.Resolved r = o.resolve(Map.of("TAPLINE_URL", "http://ignored", "TAPLINE_API_KEY", "ignored"));
        assertThat(r.url()).isEqualTo("https://tapline.example.com");
        assertThat(r.credential()).isEqualTo("api key");
    }

    @Test
    void withoutACredentialTheAdminTokenServeKeepsIsUsed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("admin-token"), "tpl_admin_secret\n");
        ClientOptions.Resolved r = new ClientOptions().resolve(Map.of("TAPLINE_DATA_DIR", dir.toString()));
        assertThat(r.credential()).isEqualTo("admin token file");
        assertThat(new ClientOptions().resolve(Map.of("TAPLINE_DATA_DIR", dir.resolve("none").toString()))
                .credential()).isEqualTo("none");
    }

    @Test
    void twoCredentialsOrABadUrlAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ClientOptions().resolve(Map.of("TAPLINE_API_KEY", "k", "TAPLINE_TOKEN", "t")))
                .isInstanceOf(ClientFailure.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> new ClientOptions().resolve(Map.of("TAPLINE_URL", "ftp://x", "TAPLINE_API_KEY", "k")))
                .isInstanceOf(ClientFailure.class).hasMessageStartingWith("TAPLINE_URL: ");
        assertThatThrownBy(() -> new ClientOptions().resolve(Map.of("TAPLINE_ADMIN_PORT", "http", "TAPLINE_API_KEY", "k")))
                .isInstanceOf(ClientFailure.class).hasMessageStartingWith("TAPLINE_ADMIN_PORT");
    }

    @Test
    void aMalformedTokenIsSentAsItIsForTheServerToRefuse() {
        assertThat(ClientOptions.unverifiedRole("not-a-jwt")).isNull();
        assertThat(ClientOptions.unverifiedRole("a.!!!.c")).isNull();
        assertThat(new ClientOptions().resolve(Map.of("TAPLINE_TOKEN", "not-a-jwt")).url())
                .isEqualTo("http://127.0.0.1:3001");
    }
}
