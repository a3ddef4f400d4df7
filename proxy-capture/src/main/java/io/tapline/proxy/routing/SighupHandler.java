package io.tapline.proxy.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGHUP through {@code sun.misc.Signal}, which not every JVM or platform offers; installing
 * fails softly so that reload-on-change still works where signals do not.
 */
@SuppressWarnings("sunapi")
final class SighupHandler {
    private static final Logger log = LoggerFactory.getLogger(SighupHandler.class);

    private final sun.misc.Signal signal;
    private final sun.misc.SignalHandler previous;

    private SighupHandler(sun.misc.Signal signal, sun.misc.SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Returns null when SIGHUP cannot be handled here. */
    static SighupHandler install(Runnable action) {
        try {
            sun.misc.Signal hup = new sun.misc.Signal("HUP");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(hup, s -> action.run());
            return new SighupHandler(hup, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError | SecurityException e) {
            log.info("SIGHUP reload unavailable ({}); the routes file is still reloaded when it changes", e.toString());
            return null;
        }
    }

    /** Puts back whatever handled SIGHUP before. */
    void uninstall() {
        try {
            sun.misc.Signal.handle(signal, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.debug("could not restore the previous SIGHUP handler", e);
        }
    }
}
