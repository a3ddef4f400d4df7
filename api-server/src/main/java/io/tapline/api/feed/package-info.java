/**
 * The live feed behind the SSE tail: a ring buffer of recent entries numbered by {@code ringSeq}, the sources
 * that fill it (in-process publishing, an Elasticsearch tail follower) and per-subscriber bounded queues.
 */
package io.tapline.api.feed;
