/**
 * {@code GET /api/proxy-logs/_logs/containers} and {@code /_logs/services}: the containers and services the
 * caller's entries come from, each with its entry count and last-seen time (seed 000's containers with log counts).
 */
package io.tapline.api.inventory;
