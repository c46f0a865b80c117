package dev.selfheal.server.config;

/**
 * One thing wrong with a config file, where it is and what is wrong, e.g.
 * {@code checks[1].port (line 7, column 11): must be within 1-65535, got 70000}.
 *
 * @param path   the key path, e.g. {@code checks[1].port}
 * @param line   1-based line in the file (0 when the problem has no place, e.g. an unreadable file)
 * @param column 1-based column
 */
public record ConfigProblem(String path, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0
                ? "%s (line %d, column %d): %s".formatted(path, line, column, message)
                : "%s: %s".formatted(path, message);
    }
}
