package dev.selfheal.demo.sim.cli;

import picocli.CommandLine.Command;

/** {@code selfheal simulator}: run an API simulator, or inject faults into a running one. */
@Command(name = "simulator",
        mixinStandardHelpOptions = true,
        description = "Local simulators of the GitHub, Slack, Linear and Codegen APIs, with fault injection.",
        subcommands = {SimulatorRunCommand.class, SimulatorFaultCommand.class})
public final class SimulatorCommand {
}
