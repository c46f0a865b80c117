package dev.selfheal.bench;

import picocli.CommandLine.Command;

/** {@code selfheal bench <name>}: the benchmarks. Each prints a table and ends with one RESULT line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark. Each prints a table and ends with one line 'RESULT key=value ...'.",
        subcommands = {dev.selfheal.bench.scale.ScaleBench.class, dev.selfheal.bench.guards.GuardsBenchCommand.class,
                dev.selfheal.bench.nab.NabCommand.class, dev.selfheal.bench.alerts.AlertBench.class,
                dev.selfheal.bench.heal.HealBench.class,
                dev.selfheal.bench.learn.LearnBench.class,
                dev.selfheal.bench.patterns.PatternsBench.class,
                dev.selfheal.bench.spring.SpringStartupBench.class,
                dev.selfheal.bench.cluster.ClusterBench.class,
                dev.selfheal.bench.predict.PredictBench.class,
                dev.selfheal.bench.storm.StormBench.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
