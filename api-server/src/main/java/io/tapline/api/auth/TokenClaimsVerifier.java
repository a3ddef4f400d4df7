package io.tapline.api.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks a signature-verified token's time and audience claims: {@code exp} is required and must not have
 * passed, {@code nbf} (when present) must have come, both within the clock skew; {@code aud} must name the
 * configured audience; {@code iss} must equal the configured issuer when one is set. Its own messages, rather
 * than Nimbus', go to the caller: they name the failed check and never the configured values.
 */
final class TokenClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

    private final String audience;
    private final String issuer;
    private final Duration skew;
    private final Clock clock;

    TokenClaimsVerifier(String audience, String issuer, Duration skew, Clock clock) {
        this.audience = audience;
        this.issuer = issuer;
        this.skew = skew;
        this.clock = clock;
    }

    /** A refusal whose message is meant for the token's holder. */
    static final class RejectedClaims extends BadJWTException {
        RejectedClaims(String message) {
            super(message);
        }
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new RejectedClaims("Bearer token has no expiry (exp)");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new RejectedClaims("Bearer token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw new RejectedClaims("Bearer token is not valid yet (nbf)");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new RejectedClaims("Bearer token audience (aud) is not accepted");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new RejectedClaims("Bearer token issuer (iss) is not accepted");
        }
    }
}
