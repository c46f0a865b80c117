package dev.selfheal.alerting;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher, as in Alertmanager: {@code name=value}, {@code name!=value},
 * {@code name=~regex}, {@code name!~regex}. A regex matches the whole value. A missing label
 * counts as the empty string.
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Matcher {
        Objects.requireNonNull(op, "op");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("matcher label name must be letters, digits or '_', got '%s'".formatted(name));
        }
        value = value == null ? "" : value;
    }

    public static Matcher of(String name, Op op, String value) {
        Pattern p = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                p = Pattern.compile(value == null ? "" : value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher %s%s: not a valid regular expression '%s': %s"
                        .formatted(name, op.symbol(), value, e.getDescription()));
            }
        }
        return new Matcher(name, op, value, p);
    }

    public static Matcher equal(String name, String value) {
        return of(name, Op.EQUAL, value);
    }

    /** Parses {@code name=value}, {@code name!=value}, {@code name=~re}, {@code name!~re}; quotes around the value are removed. */
    public static Matcher parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("matcher is missing: expected name=value, name!=value, name=~regex or name!~regex");
        }
        String t = text.strip();
        int at = -1;
        Op op = null;
        for (int i = 0; i < t.length() && op == null; i++) {
            char c = t.charAt(i);
            if (c == '!' && i + 1 < t.length() && (t.charAt(i + 1) == '=' || t.charAt(i + 1) == '~')) {
                op = t.charAt(i + 1) == '=' ? Op.NOT_EQUAL : Op.NOT_REGEX;
                at = i;
            } else if (c == '=') {
                op = i + 1 < t.length() && t.charAt(i + 1) == '~' ? Op.REGEX : Op.EQUAL;
                at = i;
            }
        }
        if (op == null) {
            throw new IllegalArgumentException("matcher '%s' has no operator: expected name=value, name!=value, name=~regex or name!~regex"
                    .formatted(text));
        }
        String name = t.substring(0, at).strip();
        String value = t.substring(at + op.symbol().length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return of(name, op, value);
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    /** Every matcher matches (an empty list matches everything). */
    public static boolean all(Iterable<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + op.symbol() + "\"" + value + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.name.equals(name) && m.op == op && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }
}
