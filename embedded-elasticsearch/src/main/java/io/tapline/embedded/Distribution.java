package io.tapline.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Elasticsearch server jars, the netty4 transport module and the child JVM's main class, as packed by
 * the build under {@code tapline-es/}. In a build tree they are used in place; inside a jar they are
 * unpacked once into a directory and reused while the packed {@code distribution.properties} is unchanged.
 */
final class Distribution {
    static final String ROOT = "tapline-es/";
    private static final String MARKER = "distribution.properties";
    static final String NETTY_MODULE = "modules/transport-netty4";

    private final Path dir;

    private Distribution(Path dir) {
        this.dir = dir;
    }

    /** Locates the packed distribution, unpacking it under {@code unpackDir} when it lives inside a jar. */
    static Distribution locate(Path unpackDir) {
        Path codeSource = codeSource();
        if (Files.isDirectory(codeSource)) {
            Path dir = codeSource.resolve(ROOT);
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                throw new EmbeddedElasticsearchException("the Elasticsearch distribution is missing under " + dir
                        + " (build the project with mvn package)");
            }
            return new Distribution(dir);
        }
        return new Distribution(unpack(codeSource, unpackDir));
    }

    Path libDir() {
        return dir.resolve("lib");
    }

    Path nettyModuleDir() {
        return dir.resolve(NETTY_MODULE);
    }

    Path launcherJar() {
        try (Stream<Path> files = Files.list(dir.resolve("launcher"))) {
            return files.filter(p -> p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new EmbeddedElasticsearchException("no launcher jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path unpack(Path jar, Path target) {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            JarEntry markerEntry = jarFile.getJarEntry(ROOT + MARKER);
            if (markerEntry == null) {
                throw new EmbeddedElasticsearchException("the Elasticsearch distribution is missing from " + jar);
            }
            byte[] marker;
            try (InputStream in = jarFile.getInputStream(markerEntry)) {
                marker = in.readAllBytes();
            }
            Path existing = target.resolve(MARKER);
            if (Files.isRegularFile(existing) && java.util.Arrays.equals(Files.readAllBytes(existing), marker)) {
                return target;
            }
            deleteTree(target);
            Files.createDirectories(target);
            for (Enumeration<JarEntry> entries = jarFile.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(ROOT) || entry.isDirectory() || name.equals(ROOT + MARKER)) {
                    continue;
                }
                Path out = target.resolve(name.substring(ROOT.length())).normalize();
                if (!out.startsWith(target)) {
                    continue; // never write outside the target, whatever the jar says
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = jarFile.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // The marker goes last: a half-finished unpack is redone on the next start.
            Files.write(existing, marker);
            return target;
        } catch (IOException e) {
            throw new EmbeddedElasticsearchException("cannot unpack the Elasticsearch distribution into " + target
                    + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
