/** TLS for the tenant listener: the server certificate from a PKCS#12 key store. */
package io.tapline.api.tls;
