package io.tapline.cli.client;

import io.tapline.sdk.logs.Kind;
import io.tapline.sdk.logs.Level;
import io.tapline.sdk.logs.Source;
import picocli.CommandLine;

/** Option converters that take the API's lower-case words (and seed 003's level aliases). */
final class Converters {

    private Converters() {
    }

    static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            try {
                return Level.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SourceConverter implements CommandLine.ITypeConverter<Source> {
        @Override
        public Source convert(String value) {
            try {
                return Source.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
