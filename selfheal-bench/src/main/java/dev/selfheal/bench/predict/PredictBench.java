package dev.selfheal.bench.predict;

import dev.selfheal.bench.SeedOption;
import dev.selfheal.prediction.PredictionSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench predict}: generated resources (leaks, fills, quota drains, and normal
 * ones) stepped every 10 s through selfheal's exhaustion predictor (default settings: 30-minute
 * horizon, confidence 0.9) and, on the same readings in the same run, through a Prometheus-style
 * {@code predict_linear} rule over one hour with the same horizon, and a static 90 % threshold.
 * Each warning runs a preventive action of {@code --action-duration}; a fault is prevented when
 * the action ends before the failure. Method: docs/benchmarks.md and docs/prediction.md.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Leaks, fills and quota drains forecast by selfheal's predictor, a predict_linear rule and a static "
                + "threshold on the same readings: share prevented, lead time, false warnings per series-day.")
public final class PredictBench implements Runnable {

    @Mixin
    SeedOption seed;

    @Option(names = "--world", paramLabel = "FILE",
            description = "The world as YAML (default: the bundled predict-world.yaml; keys in docs/benchmarks.md).")
    Path worldFile;

    @Option(names = "--faults-per-kind", description = "Faults of each fault kind (default: the world's, 5 in the bundled one).")
    Integer faultsPerKind;

    @Option(names = "--normal-days", description = "Days of each normal resource (default: the world's, 4 in the bundled one).")
    Double normalDays;

    @Option(names = "--action-duration-s", description = "How long a preventive action takes, seconds (default: the world's, 30 in the bundled one).")
    Integer actionSeconds;

    @Option(names = "--min-readings", description = "The predictor's readings before it trusts a forecast (default: its own default).")
    Integer minReadings;

    @Option(names = "--min-confidence", description = "The predictor's confidence gate (default: its own default).")
    Double minConfidence;

    @Option(names = "--persistence-share", description = "The predictor's persistence as a share of the time left (default: its own default).")
    Double persistenceShare;

    private static final String[] SYSTEMS = {"selfheal", "predict_linear", "threshold_90"};

    private static final class Tally {
        int faults;
        int prevented;
        final List<Integer> leads = new ArrayList<>();
        int falseWarnings;
        double quietDays;
    }

    @Override
    public void run() {
        // every warning is a log line otherwise; the table says what they add up to
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal")).setLevel(ch.qos.logback.classic.Level.WARN);
        PredictWorld spec = worldFile == null ? PredictWorldFile.bundled() : PredictWorldFile.read(worldFile);
        int perKind = faultsPerKind != null ? faultsPerKind : spec.faultsPerKind();
        double days = normalDays != null ? normalDays : spec.normalDays();
        int action = actionSeconds != null ? actionSeconds : (int) spec.actionDuration().toSeconds();
        List<Scenario> world = spec.generate(seed.value(), perKind, days);
        int actionSteps = Math.max(1, action / PredictWorld.STEP_S);
        Map<String, Map<String, Tally>> byKind = new LinkedHashMap<>();
        Map<String, Tally> total = new LinkedHashMap<>();
        long nanos = 0;
        long forecasts = 0;
        for (Scenario s : world) {
            Alarm.Predictor predictor = new Alarm.Predictor(s.resetPeriod(), settings());
            IntFunction<Alarm> rule = k -> switch (k) {
                case 0 -> predictor;
                case 1 -> new Alarm.PredictLinear();
                default -> new Alarm.Threshold();
            };
            for (int k = 0; k < SYSTEMS.length; k++) {
                Outcome o = Outcome.run(s, rule.apply(k), actionSteps);
                for (Tally t : List.of(byKind.computeIfAbsent(s.kind(), x -> new LinkedHashMap<>())
                        .computeIfAbsent(SYSTEMS[k], x -> new Tally()), total.computeIfAbsent(SYSTEMS[k], x -> new Tally()))) {
                    // false warnings per day of quiet time: normal resources and faults before their onset alike
                    t.falseWarnings += o.warnings();
                    t.quietDays += s.quietDays();
                    if (s.fault()) {
                        t.faults++;
                        t.prevented += o.prevented() ? 1 : 0;
                        o.leadSteps().ifPresent(l -> t.leads.add(l * PredictWorld.STEP_S));
                    }
                }
            }
            nanos += predictor.nanos;
            forecasts += predictor.forecasts;
        }
        print(spec, perKind, days, action, byKind, total, nanos, forecasts);
    }

    private PredictionSettings settings() {
        PredictionSettings p = PredictionSettings.defaults();
        if (minReadings != null) {
            p = p.withMinReadings(minReadings);
        }
        if (persistenceShare != null) {
            p = p.withPersistenceShare(persistenceShare);
        }
        if (minConfidence != null) {
            p = p.withMinConfidence(minConfidence);
        }
        return p;
    }

    private void print(PredictWorld spec, int perKind, double days, int action, Map<String, Map<String, Tally>> byKind, Map<String, Tally> total, long nanos, long forecasts) {
        System.out.printf(Locale.ROOT, "predict bench: seed %d, world %s, %d faults of each kind, %.1f days of each normal resource, "
                + "actions of %d s%n%n", seed.value(), spec.source(), perKind, days, action);
        System.out.printf(Locale.ROOT, "%-20s %-15s %10s %12s %12s %16s%n", "kind", "system", "prevented", "lead p5 s",
                "lead p50 s", "false warnings");
        byKind.forEach((kind, systems) -> systems.forEach((system, t) -> System.out.printf(Locale.ROOT,
                "%-20s %-15s %10s %12s %12s %16s%n", kind, system, t.faults == 0 ? "-" : t.prevented + "/" + t.faults,
                pct(t.leads, 0.05), pct(t.leads, 0.5), t.falseWarnings)));
        System.out.println();
        double perForecastMs = forecasts == 0 ? 0 : nanos / 1e6 / forecasts;
        // 1,000 resources forecast every 10 s: the share of one core that costs
        double coreShare = perForecastMs * 1000 / 10_000;
        Tally s = total.get("selfheal");
        Tally b = total.get("predict_linear");
        Tally t = total.get("threshold_90");
        System.out.printf(Locale.ROOT, "forecast cost: %.3f ms of CPU per resource per cycle (%d forecasts); 1,000 resources every 10 s: "
                + "%.3f of a core%n", perForecastMs, forecasts, coreShare);
        System.out.printf(Locale.ROOT, "RESULT prevented=%.3f lead_time_p5_s=%s lead_time_p50_s=%s false_warnings_per_series_day=%.3f "
                        + "baseline_prevented=%.3f baseline_lead_time_p50_s=%s baseline_false_warnings_per_series_day=%.3f "
                        + "threshold_prevented=%.3f threshold_false_warnings_per_series_day=%.3f prevented_vs_baseline=%.2f "
                        + "crashes=%d forecast_core_share_1000=%.4f%n",
                share(s), pct(s.leads, 0.05), pct(s.leads, 0.5), s.falseWarnings / s.quietDays,
                share(b), pct(b.leads, 0.5), b.falseWarnings / b.quietDays,
                share(t), t.falseWarnings / t.quietDays, share(b) == 0 ? Double.NaN : share(s) / share(b),
                s.faults - s.prevented, coreShare);
    }

    private static double share(Tally t) {
        return t.faults == 0 ? Double.NaN : (double) t.prevented / t.faults;
    }

    private static String pct(List<Integer> values, double q) {
        if (values.isEmpty()) {
            return "-";
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Integer.toString(sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    }

}
