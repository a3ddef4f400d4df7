package io.tapline.schema;

import static io.tapline.schema.ByteCursor.LEAVE;
import static io.tapline.schema.ByteEntry.N_BYTES_IN;
import static io.tapline.schema.ByteEntry.N_BYTES_OUT;
import static io.tapline.schema.ByteEntry.N_STATUS;
import static io.tapline.schema.ByteEntry.O_HEADERS;
import static io.tapline.schema.ByteEntry.S_METHOD;
import static io.tapline.schema.ByteEntry.S_REQ_CONTENT;
import static io.tapline.schema.ByteEntry.S_REQ_TYPE;
import static io.tapline.schema.ByteEntry.S_RESP_CONTENT;
import static io.tapline.schema.ByteEntry.S_RESP_TYPE;

/** {@link ByteEntry}'s reads of the {@code http} object: the request and response, their headers and bodies. */
final class ByteEntryHttp {
    private static final ByteCursor.Key REQUEST = key("request"), RESPONSE = key("response"), METHOD = key("method"),
            BYTES = key("bytes"), HEADERS = key("headers"), BODY = key("body"), MIME_TYPE = key("mime_type"),
            STATUS_CODE = key("status_code"), CONTENT = key("content"), TRUNCATED = key("truncated");

    private ByteEntryHttp() {
    }

    static void http(ByteCursor in, ByteEntry e) throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(REQUEST)) {
                seen = ByteEntry.once(seen, 1);
                request(in, e);
            } else if (in.keyIs(RESPONSE)) {
                seen = ByteEntry.once(seen, 2);
                response(in, e);
            } else {
                throw LEAVE;
            }
        }
    }

    private static void request(ByteCursor in, ByteEntry e) throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(METHOD)) {
                seen = ByteEntry.once(seen, 1);
                e.string(S_METHOD);
            } else if (in.keyIs(BYTES)) {
                seen = ByteEntry.once(seen, 2);
                in.number(e.from, e.to, N_BYTES_IN);
            } else if (in.keyIs(HEADERS)) {
                seen = ByteEntry.once(seen, 4);
                int start = in.pos;
                if (in.sortedHeaders()) { // no headers, or an empty object: the record holds no empty map
                    e.from[O_HEADERS] = start;
                    e.to[O_HEADERS] = in.pos;
                }
            } else if (in.keyIs(BODY)) {
                seen = ByteEntry.once(seen, 8);
                e.requestTruncated = body(in, e, S_REQ_CONTENT);
            } else if (in.keyIs(MIME_TYPE)) {
                seen = ByteEntry.once(seen, 16);
                e.string(S_REQ_TYPE);
            } else {
                throw LEAVE;
            }
        }
    }

    private static void response(ByteCursor in, ByteEntry e) throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        while (in.member()) {
            if (in.keyIs(STATUS_CODE)) {
                seen = ByteEntry.once(seen, 1);
                long status = in.number(e.from, e.to, N_STATUS);
                if (status != (int) status) {
                    throw LEAVE; // not an int as Jackson reads it
                }
            } else if (in.keyIs(BYTES)) {
                seen = ByteEntry.once(seen, 2);
                in.number(e.from, e.to, N_BYTES_OUT);
            } else if (in.keyIs(BODY)) {
                seen = ByteEntry.once(seen, 4);
                e.responseTruncated = body(in, e, S_RESP_CONTENT);
            } else if (in.keyIs(MIME_TYPE)) {
                seen = ByteEntry.once(seen, 8);
                e.string(S_RESP_TYPE);
            } else {
                throw LEAVE;
            }
        }
    }

    /** A body object ({@code content}, {@code truncated}); returns the flag. */
    private static boolean body(ByteCursor in, ByteEntry e, int content) throws ByteCursor.Leave {
        in.open();
        int seen = 0;
        boolean truncated = false;
        while (in.member()) {
            if (in.keyIs(CONTENT)) {
                seen = ByteEntry.once(seen, 1);
                e.string(content);
            } else if (in.keyIs(TRUNCATED)) {
                seen = ByteEntry.once(seen, 2);
                truncated = in.bool();
            } else {
                throw LEAVE;
            }
        }
        return truncated;
    }

    private static ByteCursor.Key key(String s) {
        return ByteCursor.Key.of(s);
    }
}
