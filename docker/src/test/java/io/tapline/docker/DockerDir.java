package io.tapline.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment's files are: this module's directory ({@code docker/}) inside the repository. */
final class DockerDir {
    /** docker/ (Maven runs the tests with the module directory as working directory). */
    static final Path DOCKER = Path.of("").toAbsolutePath();
    /** The repository root, the build context of both images. */
    static final Path REPO = DOCKER.getParent();

    private DockerDir() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
