package dev.selfheal.cli;

import dev.selfheal.bench.BenchCommand;
import dev.selfheal.demo.sim.cli.SimulatorCommand;
import dev.selfheal.server.cli.CheckConfigCommand;
import dev.selfheal.server.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code selfheal} command, as the ./selfheal launcher runs it. */
@Command(name = "selfheal",
        mixinStandardHelpOptions = true,
        version = "selfheal 0.1.0-SNAPSHOT",
        description = "A self-healing engine for service orchestrators: detect, protect, degrade, recover, learn, alert.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, BenchCommand.class, SimulatorCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
