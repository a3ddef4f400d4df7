package io.tapline.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a running process's CPU niceness, for tests that check the node's priority (Linux {@code /proc}). */
public final class ProcessNiceness {
    private ProcessNiceness() {
    }

    /** The scheduling niceness of process {@code pid}: field 19 of {@code /proc/PID/stat}. */
    public static int of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
