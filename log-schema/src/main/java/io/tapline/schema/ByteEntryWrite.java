package io.tapline.schema;

import java.nio.charset.StandardCharsets;

import static io.tapline.schema.ByteEntry.N_BYTES_IN;
import static io.tapline.schema.ByteEntry.N_BYTES_OUT;
import static io.tapline.schema.ByteEntry.N_ID;
import static io.tapline.schema.ByteEntry.N_STATUS;
import static io.tapline.schema.ByteEntry.O_ENRICHMENT;
import static io.tapline.schema.ByteEntry.O_HEADERS;
import static io.tapline.schema.ByteEntry.S_ACTION;
import static io.tapline.schema.ByteEntry.S_CLIENT;
import static io.tapline.schema.ByteEntry.S_CONTAINER;
import static io.tapline.schema.ByteEntry.S_MESSAGE;
import static io.tapline.schema.ByteEntry.S_METHOD;
import static io.tapline.schema.ByteEntry.S_PROJECT;
import static io.tapline.schema.ByteEntry.S_REQ_CONTENT;
import static io.tapline.schema.ByteEntry.S_REQ_TYPE;
import static io.tapline.schema.ByteEntry.S_RESP_CONTENT;
import static io.tapline.schema.ByteEntry.S_RESP_TYPE;
import static io.tapline.schema.ByteEntry.S_SERVICE;
import static io.tapline.schema.ByteEntry.S_TRACE;
import static io.tapline.schema.ByteEntry.S_TS;
import static io.tapline.schema.ByteEntry.S_URL;
import static io.tapline.schema.ByteEntry.S_USER_AGENT;

/** {@link ByteEntry}'s writing: the entry assembled from constant parts and copies of the document's bytes. */
final class ByteEntryWrite {
    // The entry's constant parts, as bytes
    private static final byte[] W_ID = ascii("{\"id\":"), W_TRACE_ID = ascii(",\"traceId\":"),
            W_TS_MS = ascii(",\"tsMs\":"), W_TS_ISO = ascii(",\"tsIso\":"), W_PROJECT_ID = ascii(",\"projectId\":"),
            W_CONTAINER_ID = ascii(",\"containerId\":"), W_SERVICE_NAME = ascii(",\"serviceName\":"),
            W_METHOD = ascii(",\"method\":"), W_URL = ascii(",\"url\":"), W_CLIENT_IP = ascii(",\"clientIp\":"),
            W_STATUS = ascii(",\"status\":"), W_DATA = ascii(",\"data\":{"), W_BYTES_IN = ascii("\"bytesIn\":"),
            W_CLOSE = ascii("}"), W_ACTION = ascii(",\"action\":"), W_MESSAGE = ascii(",\"message\":"),
            W_HEADERS = ascii(",\"headers\":"), W_ENRICHMENT = ascii(",\"enrichment\":"),
            W_REQUEST_BODY = ascii(",\"requestBody\":{\"content\":"),
            W_RESPONSE_BODY = ascii(",\"responseBody\":{\"content\":"),
            W_TRUNCATED_TRUE = ascii(",\"truncated\":true"), W_TRUNCATED_FALSE = ascii(",\"truncated\":false"),
            W_CONTENT_TYPE = ascii(",\"contentType\":");
    /** Keys inside {@code data}: [0] first in the object, [1] after another member. */
    private static final byte[][] W_BYTES_OUT = {ascii("\"bytesOut\":"), ascii(",\"bytesOut\":")},
            W_DURATION_MS = {ascii("\"durationMs\":"), ascii(",\"durationMs\":")},
            W_USER_AGENT = {ascii("\"userAgent\":"), ascii(",\"userAgent\":")};
    /** {@code ,"kind":"K","level":"L"} for each kind and level. */
    private static final byte[][][] KIND_LEVEL = kindLevel();
    /** {@code ,"source":"S"} for each source. */
    private static final byte[][] W_SOURCES = prefixed(",\"source\":\"", ByteEntry.SOURCES);

    private ByteEntryWrite() {
    }

    /** The entry of the document {@code e} read last, into {@code out} (reset to its bytes). */
    static void write(ByteEntry e, EntryBytes out, boolean includeRequestBody, boolean includeResponseBody) {
        int[] from = e.from;
        int[] to = e.to;
        out.key(W_ID).raw(from[N_ID], to[N_ID]);
        out.optional(W_TRACE_ID, from[S_TRACE], to[S_TRACE]);
        out.key(W_TS_MS).number(e.tsMs);
        out.optional(W_TS_ISO, from[S_TS], to[S_TS]);
        out.key(KIND_LEVEL[e.kind][e.level]);
        out.optional(W_PROJECT_ID, from[S_PROJECT], to[S_PROJECT]);
        out.optional(W_CONTAINER_ID, from[S_CONTAINER], to[S_CONTAINER]);
        out.optional(W_SERVICE_NAME, from[S_SERVICE], to[S_SERVICE]);
        out.optional(W_METHOD, from[S_METHOD], to[S_METHOD]);
        out.optional(W_URL, from[S_URL], to[S_URL]);
        out.optional(W_CLIENT_IP, from[S_CLIENT], to[S_CLIENT]);
        out.optional(W_STATUS, from[N_STATUS], to[N_STATUS]);
        out.key(W_DATA); // seed 004's data object is there even when empty
        int first = 1; // index into the key pairs below: without, then with the comma
        if (from[N_BYTES_IN] >= 0) {
            out.key(W_BYTES_IN).raw(from[N_BYTES_IN], to[N_BYTES_IN]);
            first = 0;
        }
        if (from[N_BYTES_OUT] >= 0) {
            out.key(W_BYTES_OUT[1 - first]).raw(from[N_BYTES_OUT], to[N_BYTES_OUT]);
            first = 0;
        }
        if (e.hasDuration) {
            out.key(W_DURATION_MS[1 - first]).number(e.durationNanos / EcsCodec.NANOS_PER_MILLI);
            first = 0;
        }
        out.optional(W_USER_AGENT[1 - first], from[S_USER_AGENT], to[S_USER_AGENT]);
        out.key(W_CLOSE);
        if (e.source >= 0) {
            out.key(W_SOURCES[e.source]);
        }
        out.optional(W_ACTION, from[S_ACTION], to[S_ACTION]);
        out.optional(W_MESSAGE, from[S_MESSAGE], to[S_MESSAGE]);
        out.optional(W_HEADERS, from[O_HEADERS], to[O_HEADERS]);
        if (includeRequestBody) {
            body(e, out, W_REQUEST_BODY, S_REQ_CONTENT, e.requestTruncated, S_REQ_TYPE);
        }
        if (includeResponseBody) {
            body(e, out, W_RESPONSE_BODY, S_RESP_CONTENT, e.responseTruncated, S_RESP_TYPE);
        }
        out.optional(W_ENRICHMENT, from[O_ENRICHMENT], to[O_ENRICHMENT]);
        out.key(W_CLOSE);
    }

    /** No content, no body (whatever the flag and type say), as {@code CanonicalParts.BodyParts} has it. */
    private static void body(ByteEntry e, EntryBytes out, byte[] key, int content, boolean truncated, int type) {
        int[] from = e.from;
        int[] to = e.to;
        if (from[content] < 0) {
            return;
        }
        out.key(key).raw(from[content], to[content]);
        out.key(truncated ? W_TRUNCATED_TRUE : W_TRUNCATED_FALSE);
        out.optional(W_CONTENT_TYPE, from[type], to[type]);
        out.key(W_CLOSE);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][][] kindLevel() {
        byte[][][] all = new byte[ByteEntry.KINDS.length][][];
        for (int k = 0; k < ByteEntry.KINDS.length; k++) {
            String kindPart = ",\"kind\":\"" + new String(ByteEntry.KINDS[k], StandardCharsets.UTF_8) + "\",\"level\":\"";
            all[k] = prefixed(kindPart, ByteEntry.LEVELS);
        }
        return all;
    }

    /** {@code prefix}, each name and a closing quote. */
    private static byte[][] prefixed(String prefix, byte[][] names) {
        byte[][] all = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            all[i] = (prefix + new String(names[i], StandardCharsets.UTF_8) + "\"").getBytes(StandardCharsets.UTF_8);
        }
        return all;
    }
}
