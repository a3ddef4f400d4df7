package io.tapline.api.cursor;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Signs fanout cursors as HS256 JWS with the server's {@link CursorKey} and reads them back. The token the client
 * sees is the compact JWS, base64url-encoded once more so that it is one opaque base64 string. Reading checks, in
 * order: the encoding, the header (exactly HS256 and Tapline's cursor type, so neither {@code alg: none} nor a
 * bearer token passes), the signature, the expiry, then that the filters are the ones the cursor was issued for.
 */
public final class CursorCodec {

    static final JOSEObjectType TYPE = new JOSEObjectType("tapline-fanout-cursor");
    private static final String SNAPSHOT = "pit";
    private static final String AFTER = "after";
    private static final String FINGERPRINT = "fp";
    private static final String SERVED = "served";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public CursorCodec(CursorKey key, Clock clock) {
        try {
            this.signer = new MACSigner(key.secret());
            this.verifier = new MACVerifier(key.secret());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable cursor key: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    public String encode(FanoutCursor cursor) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim(SNAPSHOT, cursor.snapshotId())
                .claim(AFTER, cursor.after())
                .claim(FINGERPRINT, cursor.fingerprint())
                .claim(SERVED, cursor.served())
                .expirationTime(Date.from(cursor.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a cursor failed", e);
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(jwt.serialize().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor {@code token} carries, issued for filters with {@code fingerprint}.
     *
     * @throws InvalidCursorException saying why, in words safe to show the caller
     */
    public FanoutCursor decode(String token, String fingerprint) {
        SignedJWT jwt;
        try {
            String compact = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            jwt = SignedJWT.parse(compact);
        } catch (IllegalArgumentException | ParseException e) {
            throw new InvalidCursorException("cursor is not a cursor this server issued");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())
                || header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new InvalidCursorException("cursor is not a cursor this server issued");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidCursorException("cursor signature is invalid (altered, or issued by another server)");
            }
        } catch (JOSEException e) {
            throw new InvalidCursorException("cursor signature is invalid (altered, or issued by another server)");
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !Instant.now(clock).isBefore(exp.toInstant())) {
                throw new InvalidCursorException("cursor has expired; start again with an empty cursor");
            }
            if (!fingerprint.equals(claims.getStringClaim(FINGERPRINT))) {
                throw new InvalidCursorException("cursor was issued for other filters; send the same filters "
                        + "with every page, or start again with an empty cursor");
            }
            List<Long> after = new ArrayList<>();
            for (Object v : claims.getListClaim(AFTER)) {
                after.add(((Number) v).longValue());
            }
            return new FanoutCursor(claims.getStringClaim(SNAPSHOT), after, fingerprint,
                    claims.getLongClaim(SERVED), exp.toInstant());
        } catch (ParseException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            // Signed by this server yet malformed: only a bug could do that, but the caller still gets a 400.
            throw new InvalidCursorException("cursor is not a cursor this server issued");
        }
    }

    /** A cursor that cannot be used; its message names the parameter and never repeats the token. */
    public static final class InvalidCursorException extends RuntimeException {
        InvalidCursorException(String message) {
            super(message, null, false, false);
        }
    }
}
