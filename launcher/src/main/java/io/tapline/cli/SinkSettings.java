package io.tapline.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the proxy's records go, from the environment: {@code TAPLINE_SINK} = {@code direct} (default:
 * in-process into Elasticsearch), {@code logstash} ({@code TAPLINE_LOGSTASH=host:port}, TCP JSON lines) or
 * {@code file} ({@code TAPLINE_SINK_DIR}, rolling NDJSON: files of {@code TAPLINE_SINK_FILE_MAX_MB}, the newest
 * {@code TAPLINE_SINK_FILE_KEEP} kept); the disk spool's cap is {@code TAPLINE_SPOOL_MAX_MB}; the direct sink's
 * enrichment calls a response slow from {@code TAPLINE_SLOW_MS} (default 1000).
 */
record SinkSettings(Mode mode, String logstashHost, int logstashPort, Path fileDir, long fileMaxBytes, int fileKeep,
                    long spoolMaxBytes, long slowThresholdMs) {

    enum Mode { DIRECT, LOGSTASH, FILE }

    static SinkSettings fromEnvironment(Map<String, String> env, Path dataDir) {
        String raw = env.getOrDefault("TAPLINE_SINK", "direct").trim().toLowerCase(Locale.ROOT);
        Mode mode = switch (raw) {
            case "direct" -> Mode.DIRECT;
            case "logstash" -> Mode.LOGSTASH;
            case "file" -> Mode.FILE;
            default -> throw new ConfigException("TAPLINE_SINK must be one of direct, logstash, file");
        };
        String host = null;
        int port = 0;
        if (mode == Mode.LOGSTASH) {
            String target = env.get("TAPLINE_LOGSTASH");
            if (target == null || !target.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}")) {
                throw new ConfigException("TAPLINE_LOGSTASH must be host:port when TAPLINE_SINK=logstash");
            }
            int colon = target.lastIndexOf(':');
            host = target.substring(0, colon);
            port = Integer.parseInt(target.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new ConfigException("TAPLINE_LOGSTASH port must be between 1 and 65535");
            }
        }
        Path dir = Path.of(env.getOrDefault("TAPLINE_SINK_DIR", dataDir.resolve("records").toString()));
        long fileMb = bounded(env, "TAPLINE_SINK_FILE_MAX_MB", 100, 1, 1_048_576);
        long fileKeep = bounded(env, "TAPLINE_SINK_FILE_KEEP", 10, 1, 100_000);
        long spoolMb = bounded(env, "TAPLINE_SPOOL_MAX_MB", 1024, 1, 1_048_576);
        long slowMs = bounded(env, "TAPLINE_SLOW_MS", 1000, 1, 3_600_000);
        return new SinkSettings(mode, host, port, dir, fileMb << 20, (int) fileKeep, spoolMb << 20, slowMs);
    }

    /** The integer variable {@code name}, or {@code fallback} when unset; refused outside {@code [min, max]}. */
    private static long bounded(Map<String, String> env, String name, long fallback, long min, long max) {
        long value;
        try {
            value = Long.parseLong(env.getOrDefault(name, Long.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be an integer between " + min + " and " + max);
        }
        return value;
    }

    String describe() {
        return switch (mode) {
            case DIRECT -> "direct (in-process into Elasticsearch)";
            case LOGSTASH -> "logstash tcp " + logstashHost + ":" + logstashPort + " (json_lines)";
            case FILE -> "file " + fileDir + " (rolling NDJSON, " + (fileMaxBytes >> 20) + " MiB files, newest "
                    + fileKeep + " kept)";
        };
    }
}
