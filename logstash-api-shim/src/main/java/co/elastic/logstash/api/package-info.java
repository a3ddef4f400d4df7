/**
 * Compile-only shim of Logstash's Java plugin API: the types and signatures of Logstash 8.x that Tapline's
 * filter plugin compiles against. At run time Logstash supplies the real ones, so nothing here is ever bundled.
 */
package co.elastic.logstash.api;
