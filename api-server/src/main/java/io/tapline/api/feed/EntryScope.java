package io.tapline.api.feed;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;

/**
 * What a stream filter looks at in an entry: its tenancy and class. Kept apart from the rendered entry so
 * that the ring can remember it for entries it no longer holds, and count exactly what a resuming client missed.
 *
 * @param projectId   null for proxy-wide events, which only unscoped (admin) streams receive
 * @param containerId null when the record has none
 */
public record EntryScope(String projectId, String containerId, Kind kind, Level level) {

    public EntryScope {
        if (kind == null || level == null) {
            throw new IllegalArgumentException("kind and level are required");
        }
    }
}
