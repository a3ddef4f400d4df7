package io.tapline.enrich;

import java.util.Locale;

/**
 * Names the kind of failure an event reports ({@code refused}, {@code timeout}, {@code reset}, {@code tls},
 * {@code client_abort}, {@code no_route}, {@code malformed}): from the proxy's {@code event.action} when it is
 * one of the proxy's own actions, otherwise from well-known phrases in the message.
 */
final class ErrorClassifier {
    static final String REFUSED = "refused";
    static final String TIMEOUT = "timeout";
    static final String RESET = "reset";
    static final String TLS = "tls";
    static final String CLIENT_ABORT = "client_abort";
    static final String NO_ROUTE = "no_route";
    static final String MALFORMED = "malformed";

    /** Phrases per class, tried in this order: a TLS handshake that timed out is a TLS failure first. */
    private static final String[][] PHRASES = {
            {TLS, "handshake", "certificate", "x509", "pkix", "ssl routines", "sslhandshake"},
            {TIMEOUT, "timed out", "timeout", "time out", "etimedout", "deadline exceeded"},
            {REFUSED, "connection refused", "econnrefused", "connect failed", "failed to connect",
                    "could not connect", "unable to connect"},
            {RESET, "reset by peer", "connection reset", "econnreset", "broken pipe", "epipe"},
            {CLIENT_ABORT, "client closed", "client disconnected", "client abort", "aborted by client",
                    "client went away"},
            {NO_ROUTE, "no route matched", "no matching route", "no route for"},
            {MALFORMED, "malformed", "bad request line", "header too large", "headers too large",
                    "request header fields too large", "invalid http"},
    };

    /** Mentioned as whole words only: inside longer words ("settls", "bassl") they mean nothing. */
    private static final String[] TLS_WORDS = {"tls", "ssl"};

    /** Messages are read up to this length; a failure names itself early. */
    private static final int MAX_SCAN = 4096;

    private ErrorClassifier() {
    }

    /** The class of one of the proxy's own actions, or null for any other action. */
    static String ofAction(String action) {
        if (action == null) {
            return null;
        }
        switch (action.trim()) {
            case "upstream_connect_failure":
                return REFUSED;
            case "upstream_timeout":
            case "request_timeout":
                return TIMEOUT;
            case "upstream_reset":
                return RESET;
            case "tls_handshake_failure":
                return TLS;
            case "client_abort":
                return CLIENT_ABORT;
            case "no_route":
                return NO_ROUTE;
            case "malformed_request":
            case "header_too_large":
            case "upstream_bad_response": // the upstream broke HTTP framing
                return MALFORMED;
            default:
                return null;
        }
    }

    /** The class a message's wording suggests, or null. */
    static String ofText(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        String text = (message.length() > MAX_SCAN ? message.substring(0, MAX_SCAN) : message)
                .toLowerCase(Locale.ROOT);
        for (String word : TLS_WORDS) {
            if (containsWord(text, word)) {
                return TLS;
            }
        }
        for (String[] row : PHRASES) {
            for (int i = 1; i < row.length; i++) {
                if (text.contains(row[i])) {
                    return row[0];
                }
            }
        }
        return null;
    }

    /** The class of an event: its action's, else its message's. */
    static String ofEvent(String action, String message) {
        String byAction = ofAction(action);
        return byAction != null ? byAction : ofText(message);
    }

    private static boolean containsWord(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int after = at + word.length();
            if ((at == 0 || !isLetter(text.charAt(at - 1))) && (after == text.length() || !isLetter(text.charAt(after))
                    || text.startsWith("v", after))) {
                return true; // "TLS", "SSL:", "SSLv3"
            }
            from = at + 1;
        }
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
