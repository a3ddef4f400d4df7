package io.tapline.api;

import java.net.BindException;
import java.net.UnknownHostException;

/**
 * The API server could not start, e.g. because a port is taken. The message is one line meant for the operator
 * as is; the cause is kept for debugging.
 */
public class ApiStartException extends RuntimeException {

    public ApiStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Explains why {@code listener} could not bind {@code host:port}, from the cause Undertow reported. */
    static ApiStartException bindFailure(Listener listener, String host, int port, Throwable failure) {
        Throwable cause = rootOf(failure);
        String message;
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            message = "API " + listener.label() + " port " + port + " on " + host + " is already in use";
        } else if (cause instanceof UnknownHostException) {
            message = "API " + listener.label() + " listener cannot bind unknown host " + host;
        } else {
            message = "API " + listener.label() + " listener cannot bind " + host + ":" + port + ": "
                    + oneLine(cause);
        }
        return new ApiStartException(message, failure);
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String oneLine(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }
}
