package dev.selfheal.server.config;

import java.util.Locale;

/** Small value readers the healing sections need and {@link MappingReader} does not have. */
final class HealingValues {

    private HealingValues() { }

    /** {@code true} or {@code false} (also yes/no, on/off, as YAML 1.1 writes them); a problem otherwise. */
    static boolean bool(MappingReader m, String key, boolean defaultValue) {
        return optionalBool(m, key).orElse(defaultValue);
    }

    static java.util.Optional<Boolean> optionalBool(MappingReader m, String key) {
        return m.text(key).flatMap(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> java.util.Optional.of(true);
            case "false", "no", "off" -> java.util.Optional.of(false);
            default -> {
                m.problem(key, "must be true or false, got '%s'".formatted(text));
                yield java.util.Optional.empty();
            }
        });
    }
}
