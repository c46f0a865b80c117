package dev.selfheal.bench.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** NAB's timestamp text, {@code YYYY-MM-DD HH:MM:SS} with optional fractional seconds; read as UTC. */
final class NabTime {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabTime() {
    }

    static LocalDateTime parse(String text) {
        return LocalDateTime.parse(text.trim(), FORMAT);
    }

    static String format(LocalDateTime t) {
        return OUTPUT.format(t);
    }

    static java.time.Instant toInstant(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC);
    }
}
