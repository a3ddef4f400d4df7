package io.tapline.esnode;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the child JVM that hosts one embedded Elasticsearch node.
 *
 * <p>Arguments are node settings as {@code key=value}. The node stops when a line {@code stop} arrives
 * on standard input, when standard input closes, or when the parent process (pid in the system property
 * {@code tapline.parent.pid}) exits, so a dying parent never leaves an orphan node behind.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("tapline-es: bad argument (want key=value): " + arg);
                System.exit(2);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        String nodeName = settings.get("node.name", "tapline");

        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> nodeName);
        PluginsLoader plugins = PluginsLoader.createPluginsLoader(
                PluginsLoader.loadModulesBundles(env.modulesDir()), Set.of(), Map.of());
        Node node = new Node(env, plugins);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node), "tapline-es-shutdown"));
        watchParent(node);
        node.start();
        System.out.println("tapline-es: started");
        System.out.flush();
        // Every Elasticsearch thread is a daemon: the main thread keeps the JVM alive until told to stop.
        awaitStopOnStdin();
        stop(node, "stop requested");
    }

    private static void watchParent(Node node) {
        String parentPid = System.getProperty("tapline.parent.pid");
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> stop(node, "parent exited")),
                    () -> stop(node, "parent already gone"));
        }
    }

    private static void awaitStopOnStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("stop")) {
                    return;
                }
            }
        } catch (Exception ignored) {
            // a broken pipe means the parent is gone: stop just the same
        }
    }

    private static void stop(Node node, String why) {
        System.out.println("tapline-es: stopping (" + why + ")");
        System.out.flush();
        closeQuietly(node);
        System.exit(0);
    }

    private static synchronized void closeQuietly(Node node) {
        if (node.isClosed()) {
            return;
        }
        try {
            node.close();
            node.awaitClose(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("tapline-es: error while closing: " + e);
        }
    }
}
