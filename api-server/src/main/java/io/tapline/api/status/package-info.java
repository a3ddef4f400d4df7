/** What the server reports about itself: health of its Elasticsearch connection and its version. */
package io.tapline.api.status;
