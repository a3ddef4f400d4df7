package io.tapline.cli.client;

/** A client subcommand failed in a way the user can act on; its message is the one line {@code tapline} prints. */
public final class ClientFailure extends RuntimeException {

    public ClientFailure(String message) {
        super(message, null, false, false);
    }
}
