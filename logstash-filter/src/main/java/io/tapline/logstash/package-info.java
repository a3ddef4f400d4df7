/**
 * The Logstash filter plugin {@code tapline_enrich}: a thin adapter between Logstash events and the enrichment
 * core ({@code io.tapline.enrich}), so a Logstash pipeline stores the same documents as Tapline's direct mode.
 */
package io.tapline.logstash;
