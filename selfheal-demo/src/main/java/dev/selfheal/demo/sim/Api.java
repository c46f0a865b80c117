package dev.selfheal.demo.sim;

import dev.selfheal.demo.sim.codegen.CodegenApi;
import dev.selfheal.demo.sim.github.GitHubApi;
import dev.selfheal.demo.sim.linear.LinearApi;
import dev.selfheal.demo.sim.slack.SlackApi;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The four simulated APIs, by the names the CLI and {@link SimulatorProcess} use. */
public enum Api {
    GITHUB("github", "dev.selfheal.demo.sim.github.GitHubSimulator", GitHubApi::new),
    SLACK("slack", "dev.selfheal.demo.sim.slack.SlackSimulator", SlackApi::new),
    LINEAR("linear", "dev.selfheal.demo.sim.linear.LinearSimulator", LinearApi::new),
    CODEGEN("codegen", "dev.selfheal.demo.sim.codegen.CodegenSimulator", CodegenApi::new);

    private final String cliName;
    private final String mainClass;
    private final Function<SimulatorContext, SimulatorApi> factory;

    Api(String cliName, String mainClass, Function<SimulatorContext, SimulatorApi> factory) {
        this.cliName = cliName;
        this.mainClass = mainClass;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    /** The class whose {@code main} runs this simulator as its own process. */
    public String mainClass() {
        return mainClass;
    }

    SimulatorApi create(SimulatorContext context) {
        return factory.apply(context);
    }

    public static Optional<Api> byName(String name) {
        return Arrays.stream(values()).filter(api -> api.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Api::cliName).collect(Collectors.joining(", "));
    }
}
