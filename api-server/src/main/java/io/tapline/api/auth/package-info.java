/**
 * Who is calling: the admin token, bearer JWTs (Nimbus JOSE+JWT: HS256 secret, RS256/ES256 JWKS), the resolved
 * principal, the listener gates (admin listener: admins only; tenant listener: tenants only, narrowed by the
 * TLS SNI host) and the decorators that require a principal or an admin.
 */
package io.tapline.api.auth;
