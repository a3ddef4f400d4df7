/**
 * Rate limits: Bucket4j token buckets per principal and endpoint group, the concurrent-stream cap, and the
 * {@code X-RateLimit-*} / {@code Retry-After} headers of seed 001 on every limited endpoint.
 */
package io.tapline.api.limit;
