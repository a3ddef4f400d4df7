package io.tapline.api.auth;

import com.nimbusds.jwt.JWTClaimsSet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a verified token's claims into a {@link Principal}: {@code sub} names the caller, {@code role} is
 * {@code admin} or {@code tenant}, and a tenant's {@code projects} array lists the projects it may read.
 * Anything else is refused rather than guessed: a tenant token without {@code projects} is invalid, not a
 * tenant of nothing.
 */
final class TokenPrincipals {

    static final String ROLE = "role";
    static final String PROJECTS = "projects";

    private static final int MAX_PROJECTS = ProjectIds.MAX_PER_CREDENTIAL;

    private TokenPrincipals() {
    }

    /** @throws InvalidClaimException with a message for the token's holder */
    static Principal from(JWTClaimsSet claims) throws InvalidClaimException {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidClaimException("Bearer token has no subject (sub)");
        }
        Object role = claims.getClaim(ROLE);
        if ("admin".equals(role)) {
            return Principal.admin("jwt:" + subject);
        }
        if (!"tenant".equals(role)) {
            throw new InvalidClaimException("Bearer token claim 'role' must be \"admin\" or \"tenant\"");
        }
        Object projects = claims.getClaim(PROJECTS);
        if (!(projects instanceof List<?> list)) {
            throw new InvalidClaimException("Bearer token claim 'projects' must be an array of project ids");
        }
        if (list.size() > MAX_PROJECTS) {
            throw new InvalidClaimException("Bearer token claim 'projects' lists more than " + MAX_PROJECTS);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object id : list) {
            if (!ProjectIds.isValid(id)) {
                throw new InvalidClaimException("Bearer token claim 'projects' must be an array of project ids");
            }
            ids.add((String) id);
        }
        return Principal.tenant("jwt:" + subject, ids);
    }

    /** A claim that is missing or malformed; the message is safe to show the caller. */
    static final class InvalidClaimException extends Exception {
        InvalidClaimException(String message) {
            super(message, null, false, false);
        }
    }
}
