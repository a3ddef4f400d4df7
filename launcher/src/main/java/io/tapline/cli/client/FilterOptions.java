package io.tapline.cli.client;

import io.tapline.sdk.logs.Kind;
import io.tapline.sdk.logs.Level;
import io.tapline.sdk.logs.LogsParams;
import io.tapline.sdk.logs.Source;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The filters of {@code search}, {@code export} and {@code stats}: seed 004's, plus text and time ranges. */
public final class FilterOptions {

    @Option(names = {"-p", "--project"}, paramLabel = "ID", description = "Only this project.")
    String project;

    @Option(names = {"-c", "--container"}, paramLabel = "ID", description = "Only this container.")
    String container;

    @Option(names = {"-s", "--service"}, paramLabel = "NAME", description = "Only this service.")
    String service;

    @Option(names = {"-l", "--level"}, paramLabel = "LEVELS",
            description = "Only these levels, comma-separated (debug,info,warn,error,critical).")
    String level;

    @Option(names = "--min-level", paramLabel = "LEVEL", converter = Converters.LevelConverter.class, description = "This level and every more severe one.")
    Level minLevel;

    @Option(names = {"-k", "--kind"}, paramLabel = "KIND", converter = Converters.KindConverter.class, description = "request, response or event.")
    Kind kind;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", description = "Only this HTTP method, e.g. POST.")
    String method;

    @Option(names = "--source", paramLabel = "SOURCE", converter = Converters.SourceConverter.class, description = "backend or edge.")
    Source source;

    @Option(names = {"-q", "--query"}, paramLabel = "WORDS",
            description = "Full text: every word must occur in the URL, the message or a captured body.")
    String query;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only entries at or after TIME: ISO 8601 (2024-06-12T14:00:00Z) or an age (90s, 15m, 2h, 7d).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only entries before TIME (same forms as --since).")
    Instant until;

    /** These filters on a builder. */
    LogsParams.Builder apply(LogsParams.Builder b) {
        try {
            return b.projectId(project).containerId(container).serviceName(service).level(level).minLevel(minLevel)
                    .kind(kind).method(method).source(source).query(query).since(since).until(until);
        } catch (IllegalArgumentException e) {
            throw new ClientFailure("--level: " + e.getMessage());
        }
    }

    /** Reads an ISO 8601 time or an age before now. */
    public static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

        @Override
        public Instant convert(String value) {
            Matcher m = AGE.matcher(value.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration age = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return Instant.now().minus(age);
            }
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is neither an ISO 8601 time with offset (2024-06-12T14:00:00Z) nor an age (15m, 2h, 7d)");
            }
        }
    }
}
