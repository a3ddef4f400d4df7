package io.tapline.api.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How bearer tokens are verified: an HS256 shared secret ({@code TAPLINE_JWT_SECRET}), RS256/ES256 keys from a
 * JWKS file or URL ({@code TAPLINE_JWKS}), or both; the audience ({@code TAPLINE_JWT_AUDIENCE}, default
 * {@value #DEFAULT_AUDIENCE}), the optional issuer ({@code TAPLINE_JWT_ISSUER}) and the clock skew tolerated
 * on {@code exp}/{@code nbf}. Built with {@link #builder()}, validated at {@link Builder#build()}.
 *
 * @param secret     HS256 key bytes, or null
 * @param jwksFile   a local JWKS file, or null
 * @param jwksUrl    an http(s) JWKS URL, or null (at most one of file and URL)
 * @param jwksTimeout connect and read timeout of one JWKS fetch
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again (an unknown {@code kid}
 *                   triggers an earlier, rate-limited fetch)
 */
public record JwtSettings(byte[] secret, Path jwksFile, URI jwksUrl, String audience, String issuer,
                          Duration clockSkew, Duration jwksTimeout, Duration jwksCacheTtl, Clock clock) {

    public static final String DEFAULT_AUDIENCE = "tapline";
    /** HS256 needs a key of at least 256 bits (RFC 7518 §3.2); Nimbus refuses shorter ones too. */
    public static final int MIN_SECRET_BYTES = 32;

    public static Builder builder() {
        return new Builder();
    }

    /** A copy: the settings stay immutable. */
    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    boolean hasSecret() {
        return secret != null;
    }

    boolean hasJwks() {
        return jwksFile != null || jwksUrl != null;
    }

    /** Collects the settings; {@link #build()} names the first one that is wrong, by its environment variable. */
    public static final class Builder {
        private byte[] secret;
        private Path jwksFile;
        private URI jwksUrl;
        private String audience = DEFAULT_AUDIENCE;
        private String issuer;
        private Duration clockSkew = Duration.ofSeconds(30);
        private Duration jwksTimeout = Duration.ofSeconds(3);
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The HS256 shared secret, used as its UTF-8 bytes. */
        public Builder secret(String secret) {
            this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** {@code TAPLINE_JWKS}: an http(s) URL, otherwise a file path. */
        public Builder jwks(String location) {
            if (location == null || location.isBlank()) {
                jwksFile = null;
                jwksUrl = null;
                return this;
            }
            String trimmed = location.trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    jwksUrl = URI.create(trimmed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("TAPLINE_JWKS is not a valid URL: " + trimmed);
                }
                jwksFile = null;
            } else {
                jwksFile = Path.of(lower.startsWith("file:") ? URI.create(trimmed).getPath() : trimmed);
                jwksUrl = null;
            }
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Required {@code iss} value; null accepts any issuer. */
        public Builder issuer(String issuer) {
            this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        public Builder jwksTimeout(Duration jwksTimeout) {
            this.jwksTimeout = jwksTimeout;
            return this;
        }

        public Builder jwksCacheTtl(Duration jwksCacheTtl) {
            this.jwksCacheTtl = jwksCacheTtl;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IllegalArgumentException naming the variable at fault */
        public JwtSettings build() {
            if (secret == null && jwksFile == null && jwksUrl == null) {
                throw new IllegalArgumentException("set TAPLINE_JWT_SECRET or TAPLINE_JWKS to accept bearer tokens");
            }
            if (secret != null && secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("TAPLINE_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes (256 bits) for HS256");
            }
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("TAPLINE_JWT_AUDIENCE must not be blank");
            }
            if (jwksUrl != null && jwksUrl.getHost() == null) {
                throw new IllegalArgumentException("TAPLINE_JWKS URL has no host: " + jwksUrl);
            }
            requirePositive(clockSkew, "clockSkew", true);
            requirePositive(jwksTimeout, "jwksTimeout", false);
            requirePositive(jwksCacheTtl, "jwksCacheTtl", false);
            Objects.requireNonNull(clock, "clock");
            return new JwtSettings(secret == null ? null : secret.clone(), jwksFile, jwksUrl, audience, issuer,
                    clockSkew, jwksTimeout, jwksCacheTtl, clock);
        }

        private static void requirePositive(Duration d, String name, boolean zeroAllowed) {
            if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
                throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or " : "") + "positive");
            }
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "JwtSettings[secret=" + (secret == null ? "none" : "set") + ", jwks="
                + (jwksUrl != null ? jwksUrl : jwksFile) + ", audience=" + audience + ", issuer=" + issuer
                + ", clockSkew=" + clockSkew + "]";
    }
}
