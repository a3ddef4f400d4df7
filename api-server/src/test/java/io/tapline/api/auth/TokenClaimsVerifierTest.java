package io.tapline.api.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenClaimsVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final TokenClaimsVerifier verifier = new TokenClaimsVerifier("tapline", "https://idp", Duration.ofSeconds(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().audience(List.of("tapline")).issuer("https://idp")
                .expirationTime(Date.from(NOW.plusSeconds(60)));
    }

    @Test
    void expiryCountsWithTheSkewUpToButNotIncludingTheInstant() {
        assertThatCode(() -> verifier.verify(valid().expirationTime(Date.from(NOW.minusSeconds(29))).build(), null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(valid().expirationTime(Date.from(NOW.minusSeconds(30))).build(), null))
                .hasMessage("Bearer token has expired");
    }

    @Test
    void notBeforeCountsWithTheSkew() {
        assertThatCode(() -> verifier.verify(valid().notBeforeTime(Date.from(NOW.plusSeconds(30))).build(), null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(valid().notBeforeTime(Date.from(NOW.plusSeconds(31))).build(), null))
                .hasMessage("Bearer token is not valid yet (nbf)");
    }

    @Test
    void audienceIssuerAndExpiryAreRequired() {
        assertThatThrownBy(() -> verifier.verify(valid().expirationTime(null).build(), null))
                .hasMessage("Bearer token has no expiry (exp)");
        assertThatThrownBy(() -> verifier.verify(valid().audience((String) null).build(), null))
                .hasMessage("Bearer token audience (aud) is not accepted");
        assertThatThrownBy(() -> verifier.verify(valid().issuer("https://idp/").build(), null))
                .hasMessage("Bearer token issuer (iss) is not accepted");
    }

    @Test
    void withoutAConfiguredIssuerAnyIssuerPasses() {
        TokenClaimsVerifier any = new TokenClaimsVerifier("tapline", null, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatCode(() -> any.verify(valid().issuer(null).build(), null)).doesNotThrowAnyException();
    }
}
