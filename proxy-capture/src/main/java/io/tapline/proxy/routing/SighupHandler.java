package io.tapline.proxy.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGHUP through {@code sun.misc.Signal}, which not every JVM or platform offers. It is reached
 * reflectively so that the build carries no internal-API warnings and a JVM without it fails softly here, leaving
 * reload-on-change to do the work.
 */
final class SighupHandler {
    private static final Logger log = LoggerFactory.getLogger(SighupHandler.class);

    private final Method handle;
    private final Object signal;
    private final Object previous;

    private SighupHandler(Method handle, Object signal, Object previous) {
        this.handle = handle;
        this.signal = signal;
        this.previous = previous;
    }

    /** Returns null when SIGHUP cannot be handled here (Windows, {@code -Xrs}, no {@code jdk.unsupported}). */
    static SighupHandler install(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object hup = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(SighupHandler.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "tapline SIGHUP handler";
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            return new SighupHandler(handle, hup, handle.invoke(null, hup, handler));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("SIGHUP reload unavailable ({}); the routes file is still reloaded when it changes", e.toString());
            return null;
        }
    }

    /** Puts back whatever handled SIGHUP before. */
    void uninstall() {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("could not restore the previous SIGHUP handler", e);
        }
    }
}
