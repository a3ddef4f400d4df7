/** {@code GET /api/proxy-logs/_logs/histogram}: entries per time interval, split by level (seed 000). */
package io.tapline.api.histogram;
