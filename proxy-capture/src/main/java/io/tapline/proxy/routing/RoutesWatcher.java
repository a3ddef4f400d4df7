package io.tapline.proxy.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the current {@link ProxyConfig} of a routes file and replaces it when the file changes (polled) or on
 * {@link #reload()} (SIGHUP). A config that fails validation is reported and the old one stays in force, so
 * a bad edit never takes the proxy down; connections are unaffected because readers just see a new snapshot.
 */
public final class RoutesWatcher implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(RoutesWatcher.class);

    /** Told about every reload attempt, on the thread that made it. */
    public interface Listener {
        /** @param removedContainerIds container ids routed before and no longer (each deserves scope-destroyed) */
        void onReload(ProxyConfig oldConfig, ProxyConfig newConfig, Set<String> removedContainerIds);

        /** @param error one line naming the file and key path; the old config stays in force */
        void onReloadFailed(String error);
    }

    private final Path file;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    private volatile ProxyConfig current;
    private byte[] lastAttempted;
    private byte[] pending;
    private ScheduledExecutorService poller;
    private SighupHandler sighup;
    private volatile boolean closed;

    /**
     * Loads the file once; an invalid file here is an error at start.
     *
     * @throws ConfigException when the file cannot be read or is invalid
     */
    public RoutesWatcher(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        byte[] bytes = read();
        this.current = parse(bytes);
        this.lastAttempted = bytes;
    }

    public ProxyConfig current() {
        return current;
    }

    public Path file() {
        return file;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Re-reads and validates the file now, whether or not it changed.
     *
     * @return the one-line error if the new file was rejected (the old config is kept), else empty
     */
    public Optional<String> reload() {
        byte[] bytes;
        try {
            bytes = read();
        } catch (ConfigException e) {
            return Optional.of(failed(e.getMessage()));
        }
        return apply(bytes);
    }

    /**
     * Checks the file every {@code interval} and reloads it once a change has stayed put for one interval (so
     * that a half-written file is not read). Polling works on every filesystem, bind mounts and NFS included.
     */
    public synchronized RoutesWatcher startPolling(Duration interval) {
        if (closed || poller != null) {
            throw new IllegalStateException(closed ? "closed" : "already polling");
        }
        long millis = Math.max(1, interval.toMillis());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapline-routes-watcher");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Reloads on SIGHUP where the JVM allows it (not on Windows, nor with {@code -Xrs}).
     *
     * @return true if the handler is installed
     */
    public synchronized boolean installSighupHandler() {
        if (closed || sighup != null) {
            return sighup != null;
        }
        sighup = SighupHandler.install(this::reloadOnSignal);
        return sighup != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (sighup != null) {
            sighup.uninstall();
        }
    }

    private void reloadOnSignal() {
        log.info("SIGHUP: reloading {}", file);
        reload();
    }

    private void poll() {
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return; // editors and config-map updates replace the file; it reappears a moment later
            }
            synchronized (reloadLock) {
                if (Arrays.equals(bytes, lastAttempted)) {
                    pending = null;
                    return;
                }
                if (!Arrays.equals(bytes, pending)) {
                    pending = bytes; // changed: wait one more interval in case the writer is not done
                    return;
                }
            }
            apply(bytes);
        } catch (IOException | RuntimeException e) {
            log.warn("routes watcher: cannot check {}: {}", file, e.toString());
        }
    }

    private Optional<String> apply(byte[] bytes) {
        synchronized (reloadLock) {
            lastAttempted = bytes;
            pending = null;
            ProxyConfig next;
            try {
                next = parse(bytes);
            } catch (ConfigException e) {
                return Optional.of(failed(e.getMessage()));
            }
            ProxyConfig old = current;
            current = next;
            Set<String> removed = removedContainerIds(old, next);
            log.info("reloaded {}: {} routes{}", file, next.routes().size(),
                    removed.isEmpty() ? "" : ", containers removed: " + removed);
            for (Listener listener : listeners) {
                try {
                    listener.onReload(old, next, removed);
                } catch (RuntimeException e) {
                    log.warn("routes reload listener failed", e);
                }
            }
            return Optional.empty();
        }
    }

    private String failed(String error) {
        log.warn("routes file rejected, keeping the previous config: {}", error);
        for (Listener listener : listeners) {
            try {
                listener.onReloadFailed(error);
            } catch (RuntimeException e) {
                log.warn("routes reload listener failed", e);
            }
        }
        return error;
    }

    static Set<String> removedContainerIds(ProxyConfig old, ProxyConfig next) {
        Set<String> removed = new HashSet<>();
        old.routes().forEach(r -> removed.add(r.containerId()));
        next.routes().forEach(r -> removed.remove(r.containerId()));
        removed.remove(null);
        return Set.copyOf(removed);
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, "cannot read the file: " + e);
        }
    }

    private ProxyConfig parse(byte[] bytes) {
        return RoutesFile.parse(new String(bytes, StandardCharsets.UTF_8), file.toString(),
                file.toAbsolutePath().getParent());
    }
}
