package dev.selfheal.bench.learn;

import dev.selfheal.bench.SeedOption;
import dev.selfheal.learning.InMemoryEffectivenessStore;
import dev.selfheal.learning.IncidentSurroundings;
import dev.selfheal.learning.LearningSettings;
import dev.selfheal.learning.LearningSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench learn}: the learning system against a generated world whose best action
 * per (fault, kind) is known. Three planners work the same incidents, with the same luck, through
 * the real planner, engine and health verifier on virtual time: selfheal (learning), the fixed
 * order (the planner without learning) and an oracle that knows the odds. Method: docs/learning.md.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Learned plan order vs the fixed order and an oracle on a generated world whose answers are known: "
                + "time-to-recovery regret, best action first, incidents to follow a change, safety violations.")
public final class LearnBench implements Runnable {

    @Mixin
    SeedOption seed;

    @Option(names = "--incidents", paramLabel = "N", description = "Incidents in the run (default: the world's, 1200 in the bundled one).")
    Integer incidents;

    @Option(names = "--world", paramLabel = "FILE", description = "The world as YAML (default: the bundled learn-world.yaml; keys in docs/learning.md).")
    Path worldFile;

    @Option(names = "--half-life", paramLabel = "N", description = "The learning system's forgetting half-life in incidents "
            + "(default: healing.learning.half-life's default).")
    Double halfLife;

    @Override
    public void run() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal")).setLevel(ch.qos.logback.classic.Level.ERROR);
        LearnWorld world = worldFile == null ? WorldFile.bundled() : WorldFile.read(worldFile);
        int n = incidents != null ? incidents : world.incidents();
        if (n < 50) {
            throw new IllegalArgumentException("--incidents must be at least 50, got " + n);
        }
        List<Episodes.Episode> episodes = Episodes.draw(world, n, seed.value());
        System.out.printf(Locale.ROOT, "selfheal bench learn: %d incidents, seed %d, world %s (%d kinds, %d faults, %d changes); judged after the first %.0f%%%n%n",
                n, seed.value(), worldFile == null ? "bundled" : worldFile, world.kinds().size(), world.faults().size(),
                world.changes().size(), world.train() * 100);
        int[] violations = new int[1];
        List<WorldRun.Outcome> oracle = WorldRun.run(world, episodes, r -> new TruthOrder(world, n, r::current), new int[1]);
        List<WorldRun.Outcome> fixed = WorldRun.run(world, episodes, r -> TruthOrder.fixed(), new int[1]);
        List<WorldRun.Outcome> learned = WorldRun.run(world, episodes, r -> LearningSystem.builder(new InMemoryEffectivenessStore())
                .writer(Runnable::run)
                .settings(halfLife == null ? LearningSettings.defaults() : LearningSettings.defaults().withHalfLife(halfLife)).surroundings(IncidentSurroundings.of(r.health(), () -> 0)).build(), violations);
        LearnScore score = new LearnScore(world, n);
        LearnScore.Figures s = score.figures(learned, oracle);
        LearnScore.Figures f = score.figures(fixed, oracle);
        LearnScore.Figures o = score.figures(oracle, oracle);
        System.out.printf(Locale.ROOT, "%-10s %14s %12s %12s %14s %12s%n", "planner", "mean ttr (s)", "escalated", "regret (s)",
                "best first", "adapt (p50)");
        for (var row : List.of(new Object[] {"selfheal", s}, new Object[] {"fixed", f}, new Object[] {"oracle", o})) {
            LearnScore.Figures x = (LearnScore.Figures) row[1];
            System.out.printf(Locale.ROOT, "%-10s %14.1f %12d %12.0f %14.3f %12s%n", row[0], x.meanSeconds(), x.escalated(),
                    x.regretSeconds(), x.bestFirstAfter20(), x.adaptP50() < 0 ? "never" : Integer.toString(x.adaptP50()));
        }
        System.out.println();
        score.perKey(learned, fixed, oracle).forEach(System.out::println);
        System.out.println();
        double ratio = f.regretSeconds() <= 0 ? Double.NaN : s.regretSeconds() / f.regretSeconds();
        System.out.printf(Locale.ROOT, "RESULT regret_ratio_vs_fixed=%.3f best_first_after_20=%.3f adapt_incidents_p50=%d "
                        + "safety_violations=%d ttr_ratio_vs_fixed=%.3f escalated_ratio_vs_fixed=%.3f seed=%d incidents=%d%n",
                ratio, s.bestFirstAfter20(), s.adaptP50(), violations[0], s.meanSeconds() / f.meanSeconds(),
                f.escalated() == 0 ? Double.NaN : (double) s.escalated() / f.escalated(), seed.value(), n);
    }
}
