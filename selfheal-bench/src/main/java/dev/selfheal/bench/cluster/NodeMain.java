package dev.selfheal.bench.cluster;

import dev.selfheal.server.cli.RunCommand;
import picocli.CommandLine;

/** {@code selfheal run --config F} in a child JVM: what {@link NodeProcess} starts. */
public final class NodeMain {

    private NodeMain() { }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunCommand()).execute(args));
    }
}
