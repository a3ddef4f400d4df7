package io.tapline.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.security.Key;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer tokens with Nimbus JOSE+JWT and resolves them to a {@link Principal}. Each algorithm is bound
 * to the one kind of key configured for it: HS256 only to the shared secret, RS256 and ES256 only to the JWKS
 * public keys. So {@code alg: none}, an HS256 token "signed" with an RSA public key, and any other algorithm
 * are refused before a signature is even checked. Thread-safe.
 */
public final class JwtVerifier {

    /** Longer tokens are refused unparsed: no legitimate token comes near, and parsing costs CPU. */
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;
    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** @throws IllegalArgumentException naming the setting at fault, e.g. an unreadable JWKS file */
    public JwtVerifier(JwtSettings settings) {
        JWSKeySelector<SecurityContext> hs = settings.hasSecret()
                ? new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(settings.secret()))
                : null;
        JWSKeySelector<SecurityContext> jwks = settings.hasJwks()
                ? new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, jwksSource(settings))
                : null;
        processor.setJWSKeySelector((header, context) -> {
            JWSAlgorithm alg = header.getAlgorithm();
            if (JWSAlgorithm.HS256.equals(alg) && hs != null) {
                return hs.selectJWSKeys(header, context);
            }
            if (JWKS_ALGORITHMS.contains(alg) && jwks != null) {
                return jwks.selectJWSKeys(header, context);
            }
            return List.<Key>of();
        });
        processor.setJWTClaimsSetVerifier(new TokenClaimsVerifier(settings.audience(), settings.issuer(),
                settings.clockSkew(), settings.clock()));
    }

    private static JWKSource<SecurityContext> jwksSource(JwtSettings settings) {
        if (settings.jwksFile() != null) {
            return new JwksFile(settings.jwksFile());
        }
        int timeoutMs = Math.toIntExact(settings.jwksTimeout().toMillis());
        try {
            // Cached for the TTL and refreshed ahead of expiry; an unknown kid forces a rate-limited refetch,
            // so rotated keys are picked up without letting forged kids hammer the key server.
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(),
                            new DefaultResourceRetriever(timeoutMs, timeoutMs, JWKS_SIZE_LIMIT_BYTES))
                    .cache(settings.jwksCacheTtl().toMillis(), timeoutMs)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TAPLINE_JWKS is not a valid URL: " + settings.jwksUrl());
        }
    }

    /**
     * The caller {@code token} stands for.
     *
     * @throws TokenRejectedException when the token is malformed, badly signed, expired, or its claims are wrong
     * @throws KeySourceException     when the JWKS URL could not be fetched (not the caller's fault)
     */
    public Principal verify(String token) throws TokenRejectedException, KeySourceException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejectedException("Bearer token is too long");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new TokenRejectedException("Bearer token is malformed");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // alg "none" (a PlainJWT) and encrypted tokens alike.
            throw new TokenRejectedException("Bearer token must be signed with an accepted algorithm");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (TokenClaimsVerifier.RejectedClaims e) {
            throw new TokenRejectedException(e.getMessage());
        } catch (RateLimitReachedException e) {
            // An unknown kid asked for a refetch too soon after the last one: no key matches, as far as we know.
            throw new TokenRejectedException("Bearer token signature or algorithm is not accepted");
        } catch (KeySourceException e) {
            throw e;
        } catch (BadJOSEException | JOSEException e) {
            throw new TokenRejectedException("Bearer token signature or algorithm is not accepted");
        }
        try {
            return TokenPrincipals.from(claims);
        } catch (TokenPrincipals.InvalidClaimException e) {
            throw new TokenRejectedException(e.getMessage());
        }
    }

    /** A token refused for a reason its holder may be told. */
    public static final class TokenRejectedException extends Exception {
        TokenRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
