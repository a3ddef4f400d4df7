/**
 * The OpenAPI 3.1 document at {@code GET /api/openapi.json}, generated from the same parameter specs the request
 * parsers read and from the response records the handlers write, so that it describes what the server does.
 */
package io.tapline.api.openapi;
