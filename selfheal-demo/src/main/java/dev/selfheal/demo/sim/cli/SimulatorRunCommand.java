package dev.selfheal.demo.sim.cli;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorMain;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfheal simulator run --api github}: one simulator in the foreground until Ctrl-C. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs one API simulator on 127.0.0.1 in the foreground until Ctrl-C.",
                "Prints LISTENING port=<n> on stdout once it accepts connections; logs go to stderr."})
public final class SimulatorRunCommand implements Callable<Integer> {

    @Option(names = "--api", required = true, description = "github, slack, linear or codegen.")
    String api;

    @Mixin
    SimulatorMain.Options options = new SimulatorMain.Options();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Api chosen = Api.byName(api).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "--api is \"" + api + "\"; expected one of: " + Api.names()));
        SimulatorMain.useSimulatorLogging();
        try {
            SimulatorMain.runForeground(chosen, options.toOptions(), System.out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
