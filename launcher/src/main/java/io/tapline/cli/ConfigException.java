package io.tapline.cli;

/** Configuration or start-up problem a user can fix; its message is printed as one line, without a trace. */
final class ConfigException extends RuntimeException {
    ConfigException(String message) {
        super(message);
    }
}
