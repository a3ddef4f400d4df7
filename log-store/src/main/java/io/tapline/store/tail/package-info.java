/** Reading the newest records in {@code tapline.id} order, for the api-server's Elasticsearch tail follower. */
package io.tapline.store.tail;
