/** The Tapline query API: {@link io.tapline.api.ApiServer} and its two listeners. */
package io.tapline.api;
