/**
 * API keys for machines ({@code X-API-Key: tpl_<id>_<secret>}): created by an admin, shown once, stored only as
 * salted hashes in an Elasticsearch index of their own shared by every api-server replica, listable, revocable.
 */
package io.tapline.api.keys;
