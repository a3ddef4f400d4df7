package io.tapline.proxy.server;

/** The proxy could not start (port taken, bad certificate); the message is one line for the operator. */
public class ProxyStartException extends RuntimeException {
    public ProxyStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
