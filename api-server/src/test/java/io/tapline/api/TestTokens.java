package io.tapline.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tapline.api.auth.JwtSettings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints real signed JWTs for tests: {@link #tenant} and {@link #admin} give tokens that an {@link ApiServer}
 * configured with {@link #settings()} (every {@link RunningApi} is) accepts, and {@link #claims()} builds any
 * other token, valid or hostile. Use them as {@code "Authorization", "Bearer " + token}.
 */
public final class TestTokens {

    /** The HS256 secret every {@link RunningApi} accepts (at least 32 bytes, as HS256 requires). */
    public static final String SECRET = "tapline-test-hs256-secret-0123456789abcdef";

    private TestTokens() {
    }

    /** JWT settings accepting HS256 tokens signed with {@link #SECRET}, audience {@code tapline}. */
    public static JwtSettings settings() {
        return JwtSettings.builder().secret(SECRET).build();
    }

    /** A valid tenant token for {@code subject} reading {@code projects}, signed with {@link #SECRET}. */
    public static String tenant(String subject, String... projects) {
        return claims().subject(subject).tenant(projects).signHs256(SECRET);
    }

    /** A valid admin token for {@code subject}, signed with {@link #SECRET}. */
    public static String admin(String subject) {
        return claims().subject(subject).role("admin").signHs256(SECRET);
    }

    /** The request header pair that carries {@code token}. */
    public static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    /** Claims that start valid (audience tapline, expiring in 5 minutes) and can be bent any way. */
    public static Claims claims() {
        return new Claims();
    }

    public static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newEcKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mutable set of claims and the ways to sign them. */
    public static final class Claims {
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Claims() {
            claims.put("sub", "test-user");
            claims.put("aud", List.of(JwtSettings.DEFAULT_AUDIENCE));
            claims.put("exp", Instant.now().plus(Duration.ofMinutes(5)));
        }

        public Claims subject(String subject) {
            return set("sub", subject);
        }

        public Claims role(String role) {
            return set("role", role);
        }

        public Claims tenant(String... projects) {
            return role("tenant").set("projects", List.of(projects));
        }

        public Claims audience(String... audience) {
            return set("aud", List.of(audience));
        }

        public Claims issuer(String issuer) {
            return set("iss", issuer);
        }

        public Claims expiresAt(Instant exp) {
            return set("exp", exp);
        }

        public Claims notBefore(Instant nbf) {
            return set("nbf", nbf);
        }

        /** Any claim; an {@link Instant} becomes seconds since the epoch. */
        public Claims set(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Claims remove(String name) {
            claims.remove(name);
            return this;
        }

        public JWTClaimsSet build() {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> b.claim(name, value instanceof Instant i ? Date.from(i) : value));
            return b.build();
        }

        public String signHs256(String secret) {
            return signHs256(secret.getBytes(StandardCharsets.UTF_8));
        }

        public String signHs256(byte[] secret) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), build());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public String signRs256(RSAKey key) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public String signEs256(ECKey key) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                        build());
                jwt.sign(new ECDSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An {@code alg: none} token: header, payload and an empty signature. */
        public String unsigned() {
            return new PlainJWT(build()).serialize();
        }
    }
}
