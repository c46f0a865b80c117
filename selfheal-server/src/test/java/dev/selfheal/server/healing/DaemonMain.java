package dev.selfheal.server.healing;

import dev.selfheal.server.cli.RunCommand;
import picocli.CommandLine;

/** {@code selfheal run} ({@code DaemonMain --config F}) in a child JVM for tests: the dist module's Main is not on this module's test classpath. */
public final class DaemonMain {

    private DaemonMain() { }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunCommand()).execute(args));
    }
}
