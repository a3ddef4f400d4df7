package io.tapline.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.Map;

/**
 * The reads of {@link CanonicalEntry}: each takes one value of exactly the JSON type the store writes, or gives up
 * with {@link Leave} so that the general reader takes the document instead.
 */
final class CanonicalReads {
    private CanonicalReads() {
    }

    /** Thrown where a document leaves the canonical layout; shared and without a stack trace, it costs nothing. */
    static final class Leave extends Exception {
        Leave() {
            super(null, null, false, false);
        }
    }

    static final Leave LEAVE = new Leave();

    /** Member names in the order the store writes them, pre-encoded for {@link #nextName}. */
    static SerializedString[] order(String... names) {
        SerializedString[] order = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            order[i] = new SerializedString(names[i]);
        }
        return order;
    }

    /**
     * The next member's name, or null at the object's end. Guesses it is {@code order[guess]}, the member the store
     * writes next, which Jackson checks against the raw bytes without looking the name up; any other name is read
     * as usual.
     */
    static String nextName(JsonParser p, SerializedString[] order, int guess) throws IOException {
        if (guess >= order.length) {
            return p.nextFieldName();
        }
        if (p.nextFieldName(order[guess])) {
            return order[guess].getValue();
        }
        return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }

    /** Where the member after {@code name} is guessed to be: after {@code name}'s place in {@code order}. */
    static int after(SerializedString[] order, String name, int guess) {
        if (guess < order.length && order[guess].getValue().equals(name)) {
            return guess + 1;
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i].getValue().equals(name)) {
                return i + 1;
            }
        }
        return order.length;
    }

    /**
     * An object holding string members named {@code member} only: the last one's value, or {@code earlier} when
     * it has none (an object met again keeps what an earlier one set, as in the general reader).
     */
    static String onlyString(JsonParser p, SerializedString[] member, String earlier) throws IOException, Leave {
        open(p);
        String value = earlier;
        for (String name = nextName(p, member, 0); name != null; name = nextName(p, member, 0)) {
            if (!name.equals(member[0].getValue())) {
                throw LEAVE;
            }
            value = string(p);
        }
        end(p);
        return value;
    }

    static void open(JsonParser p) throws IOException, Leave {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw LEAVE;
        }
    }

    /** After {@code nextFieldName} gave null: the object's end, or (never in JSON) something else. */
    static void end(JsonParser p) throws Leave {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw LEAVE;
        }
    }

    static String string(JsonParser p) throws IOException, Leave {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw LEAVE;
        }
        return p.getText();
    }

    /** A whole number that fits a long as Jackson reads it: what {@code FieldType.asLong} makes of it, unchanged. */
    static long number(JsonParser p) throws IOException, Leave {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw LEAVE;
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw LEAVE;
        }
        return p.getLongValue();
    }

    static boolean bool(JsonParser p) throws IOException, Leave {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw LEAVE;
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** The constant whose exact wire name this is; an alias or another spelling goes to the general reader. */
    static <E> E known(Map<String, E> byName, String name) throws Leave {
        E value = name == null ? null : byName.get(name);
        if (value == null) {
            throw LEAVE;
        }
        return value;
    }

}
