package dev.selfheal.demo.sim.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them on the command line: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, or bare milliseconds. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private DurationText() {
    }

    public static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " is \"" + text + "\"; expected a duration like 250ms, 30s, 2m, 1h or bare milliseconds");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The same reading for a picocli option typed {@link Duration}: {@code converter = DurationText.Converter.class}. */
    public static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse("the value", value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
