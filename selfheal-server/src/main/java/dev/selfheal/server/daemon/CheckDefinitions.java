package dev.selfheal.server.daemon;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheck;
import dev.selfheal.server.config.CheckConfig;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Builds the engine's check definitions from the config, reporting every check that cannot be built. */
public final class CheckDefinitions {

    private CheckDefinitions() { }

    /**
     * One definition per configured check. When a check cannot be built (its settings are
     * refused), throws a {@link ConfigException} naming each such check and where it is in the
     * file, and closes the checks already built.
     */
    public static List<CheckDefinition> build(Config config, CheckBuilder builder) {
        List<CheckDefinition> definitions = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (CheckConfig c : config.checks()) {
            try {
                HealthCheck check = builder.build(c);
                definitions.add(CheckDefinition.builder(c.name(), check).group(c.group()).interval(c.interval())
                        .timeout(c.timeout()).failureThreshold(c.failureThreshold()).successThreshold(c.successThreshold())
                        .build());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(c.location().path(), c.location().line(), c.location().column(),
                        "cannot build the %s check '%s': %s".formatted(c.type(), c.name(), e.getMessage())));
            }
        }
        if (!problems.isEmpty()) {
            close(definitions);
            throw new ConfigException("the config", problems);
        }
        return definitions;
    }

    public static void close(List<CheckDefinition> definitions) {
        for (CheckDefinition d : definitions) {
            try {
                d.check().close();
            } catch (RuntimeException e) {
                // closing a check that was never run: nothing to report
            }
        }
    }
}
