package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;

import static io.tapline.schema.CanonicalReads.LEAVE;
import static io.tapline.schema.CanonicalReads.after;
import static io.tapline.schema.CanonicalReads.nextName;
import static io.tapline.schema.CanonicalReads.bool;
import static io.tapline.schema.CanonicalReads.end;
import static io.tapline.schema.CanonicalReads.open;
import static io.tapline.schema.CanonicalReads.string;

/** The parts of a {@link CanonicalEntry} that are more than one value: request headers and bodies. */
final class CanonicalParts {
    private static final SerializedString CONTENT = new SerializedString(ApiCodec.BODY_CONTENT);
    private static final SerializedString TRUNCATED = new SerializedString(ApiCodec.BODY_TRUNCATED);
    private static final SerializedString CONTENT_TYPE = new SerializedString(ApiCodec.BODY_CONTENT_TYPE);
    private static final SerializedString[] BODY = CanonicalReads.order("content", "truncated");

    private CanonicalParts() {
    }

    /** Request headers stored lower-case and sorted, as the store writes them: the entry's headers as they are. */
    static final class SortedHeaders {
        private String[] names = new String[8];
        private String[] values = new String[8];
        int count;

        void read(JsonParser p) throws IOException, CanonicalReads.Leave {
            open(p);
            count = 0;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                // lower-case ASCII: toLowerCase leaves it as it is; strictly ascending: the TreeMap's order, no
                // repeated name
                if (!lowerAscii(name) || count > 0 && names[count - 1].compareTo(name) >= 0) {
                    throw LEAVE;
                }
                String value = string(p);
                if (count == names.length) {
                    names = java.util.Arrays.copyOf(names, count * 2);
                    values = java.util.Arrays.copyOf(values, count * 2);
                }
                names[count] = name;
                values[count++] = value;
            }
            end(p);
        }

        void write(JsonGenerator gen, SerializedString key) throws IOException {
            if (count == 0) {
                return; // no headers, or an empty object: the record holds no empty map
            }
            gen.writeFieldName(key);
            gen.writeStartObject();
            for (int i = 0; i < count; i++) {
                gen.writeFieldName(names[i]);
                gen.writeString(values[i]);
            }
            gen.writeEndObject();
        }

        private static boolean lowerAscii(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                    return false;
                }
            }
            return true;
        }
    }

    /** A body's three stored parts. */
    static final class BodyParts {
        private String content;
        private boolean truncated;
        String contentType;

        void reset() {
            content = null;
            truncated = false;
            contentType = null;
        }

        void readBody(JsonParser p) throws IOException, CanonicalReads.Leave {
            open(p);
            int next = 0;
            for (String name = nextName(p, BODY, next); name != null; name = nextName(p, BODY, next)) {
                next = after(BODY, name, next);
                switch (name) {
                    case "content" -> content = string(p);
                    case "truncated" -> truncated = bool(p);
                    default -> throw LEAVE;
                }
            }
            end(p);
        }

        /** No content, no body (whatever the flag and type say), as {@code EcsCodec.readBody} has it. */
        void write(JsonGenerator gen, SerializedString key) throws IOException {
            if (content == null) {
                return;
            }
            gen.writeFieldName(key);
            gen.writeStartObject();
            gen.writeFieldName(CONTENT);
            gen.writeString(content);
            gen.writeFieldName(TRUNCATED);
            gen.writeBoolean(truncated);
            if (contentType != null) {
                gen.writeFieldName(CONTENT_TYPE);
                gen.writeString(contentType);
            }
            gen.writeEndObject();
        }
    }

}
