/** {@code GET /api/proxy-logs/_logs/stats}: seed 004's counts by level, project, container and service. */
package io.tapline.api.stats;
