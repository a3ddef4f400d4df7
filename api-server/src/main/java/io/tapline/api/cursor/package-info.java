/** The admin fanout cursor of seed 004 section 5.2: signed, opaque, bound to a snapshot and to its filters. */
package io.tapline.api.cursor;
