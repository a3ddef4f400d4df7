/** {@code GET /api/proxy-logs/_logs/stream}: the SSE live tail over the {@link io.tapline.api.feed.LiveFeed}. */
package io.tapline.api.stream;
