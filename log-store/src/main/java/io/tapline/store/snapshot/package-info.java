/** Consistent snapshots (points in time) that streams and cursors page through without repeats or gaps. */
package io.tapline.store.snapshot;
