/**
 * Query parameters as data: each one's name, type, bounds and description in one {@link
 * io.tapline.api.params.ParameterSpec}, which both the request parser and the OpenAPI document read, so the two
 * cannot drift apart.
 */
package io.tapline.api.params;
