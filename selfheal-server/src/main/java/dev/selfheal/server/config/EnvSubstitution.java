package dev.selfheal.server.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config values with the environment's
 * values; {@code $${} is a literal {@code ${}. Secrets stay out of the file this way.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The value with every reference replaced; throws with a message saying which variable is wrong. */
    String apply(String value) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' without a closing '}' in '%s'".formatted(value));
                }
                out.append(resolve(value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference) {
        int dflt = reference.indexOf(":-");
        String name = dflt < 0 ? reference : reference.substring(0, dflt);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'${%s}' is not a valid reference; use ${NAME} or ${NAME:-default}".formatted(reference));
        }
        String value = env.get(name);
        if (value != null) {
            return value;
        }
        if (dflt >= 0) {
            return reference.substring(dflt + 2);
        }
        if (name.equals("incident") || name.equals("component")) {
            throw new IllegalArgumentException(("environment variable %s is not set; for the placeholder an http action fills in,"
                    + " write $${%s}").formatted(name, name));
        }
        throw new IllegalArgumentException(
                "environment variable %s is not set (set it, or give a default: ${%s:-default})".formatted(name, name));
    }
}
