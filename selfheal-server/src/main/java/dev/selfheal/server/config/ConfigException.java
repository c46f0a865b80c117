package dev.selfheal.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used, with every problem found in it (not just the first). */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** "N problems in SOURCE:" and one indented line per problem, as the CLI prints them. */
    public static String describe(String source, List<ConfigProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + source + ":"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
