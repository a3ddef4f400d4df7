/** Who is calling: authenticators per listener, the resolved principal, and the decorator that requires one. */
package io.tapline.api.auth;
