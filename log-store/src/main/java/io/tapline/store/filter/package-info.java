/** What a search covers: the filter model shared by every query, stream, cursor and aggregation, and its query. */
package io.tapline.store.filter;
