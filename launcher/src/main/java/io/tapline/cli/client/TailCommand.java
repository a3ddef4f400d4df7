package io.tapline.cli.client;

import io.tapline.sdk.TaplineClient;
import io.tapline.sdk.logs.Kind;
import io.tapline.sdk.logs.Level;
import io.tapline.sdk.stream.LogStream;
import io.tapline.sdk.stream.StreamFrame;
import io.tapline.sdk.stream.StreamOptions;
import io.tapline.sdk.stream.StreamParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tapline tail}: follows new entries live, one line each (or the entry JSON with {@code --json}). The
 * stream resumes by itself after a lost connection without a gap or a repeat; a server restart, missed entries
 * and a destroyed container are reported on stderr.
 */
@Command(name = "tail", sortOptions = false,
        description = {"Follow new entries as they are captured, one line each, until Ctrl-C.",
                "A lost connection is resumed where it stopped (Last-Event-ID); notices go to stderr.",
                "Example: tapline tail --level warn,error --project proj_a1b2c3d4"})
public final class TailCommand extends ClientCommand {

    @Option(names = {"-p", "--project"}, paramLabel = "ID", description = "Only this project.")
    String project;

    @Option(names = {"-c", "--container"}, paramLabel = "ID",
            description = "Only this container; the tail ends when the container is destroyed.")
    String container;

    @Option(names = {"-k", "--kind"}, paramLabel = "KINDS", description = "Only these kinds, comma-separated (request,response,event).")
    String kinds;

    @Option(names = {"-l", "--level"}, paramLabel = "LEVELS", description = "Only these levels, comma-separated (debug,info,warn,error,critical).")
    String levels;

    @Option(names = "--json", description = "Print each entry's JSON, one per line.")
    boolean json;

    @Option(names = "--since-id", paramLabel = "ID",
            description = "Resume after this frame id (printed on stderr when a tail stops), instead of starting live.")
    Long sinceId;

    @Option(names = "--max", paramLabel = "N", description = "Exit after N entries.")
    Long max;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour levels and statuses: auto, always or never (default ${DEFAULT-VALUE}; NO_COLOR turns auto off).")
    String color;

    @Override
    int run(TaplineClient client, PrintStream out, PrintStream err) {
        StreamParams params;
        try {
            params = StreamParams.builder().projectId(project).containerId(container).kinds(kindSet())
                    .levels(levelSet()).lastEventId(sinceId).build();
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(e.getMessage());
        }
        if (max != null && max < 1) {
            throw new ClientFailure("--max must be at least 1");
        }
        StreamOptions options = StreamOptions.builder().onDisconnect(d -> err.println("tapline: connection lost ("
                + d.reason() + "); resuming" + (d.lastEventId() == null ? "" : " after id " + d.lastEventId())
                + (d.retryIn().isZero() ? "" : " in " + d.retryIn().toMillis() + " ms"))).build();
        EntryFormat format = new EntryFormat(Terminal.colour(color, env));
        long shown = 0;
        try (LogStream stream = client.proxyLogs().logs().streamLogs(params, options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Long last = stream.lastEventId();
                out.flush();
                if (last != null) {
                    err.println("tapline: stopped; resume with --since-id " + last);
                }
            }, "tapline-tail-stop"));
            for (StreamFrame f : stream) {
                switch (f.type()) {
                    case ENTRY -> {
                        out.println(json ? f.data() : format.line(f.entry()));
                        out.flush();
                        if (max != null && ++shown >= max) {
                            return 0;
                        }
                    }
                    case RESET -> err.println("tapline: the server restarted (reset); entries from the restart "
                            + "may be missing; following from id " + f.id());
                    case DROPPED -> err.println("tapline: " + f.dropped().missed()
                            + (Boolean.TRUE.equals(f.dropped().exact()) ? "" : " or more")
                            + " entries were dropped (ids " + f.dropped().fromId() + "-" + f.dropped().toId() + ")");
                    case SCOPE_DESTROYED -> {
                        err.println("tapline: container " + (f.entry() != null ? f.entry().containerId() : container)
                                + " was destroyed; the tail ends");
                        return 0;
                    }
                    default -> {
                        // heartbeats are not delivered; unknown events from a newer server are skipped
                    }
                }
            }
        }
        return 0;
    }

    private Set<Kind> kindSet() {
        if (kinds == null || kinds.isBlank()) {
            return null;
        }
        EnumSet<Kind> set = EnumSet.noneOf(Kind.class);
        for (String k : kinds.split(",")) {
            set.add(Kind.parse(k.toLowerCase(Locale.ROOT)));
        }
        return set;
    }

    private Set<Level> levelSet() {
        if (levels == null || levels.isBlank()) {
            return null;
        }
        EnumSet<Level> set = EnumSet.noneOf(Level.class);
        for (String l : levels.split(",")) {
            set.add(Level.parse(l));
        }
        return set;
    }
}
