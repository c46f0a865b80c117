package dev.selfheal.bench.patterns;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.patterns.FailureEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated world with known answers: a random dependency graph (some edges not configured),
 * root faults that cascade down it after lags, faults that recur at fixed hours, random noise
 * faults, and pairs of unrelated components that fail together (a shared host). Every failure is
 * seen a random detection delay after it starts, so the first failure seen is often not the root.
 */
public final class PatternWorld {

    /** Midnight UTC on a Monday: the world's day 0. */
    public static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    /** A planted root fault and the failures it caused. */
    public record Cascade(String root, Instant start, List<FailureEvent> seen) { }

    /** A planted recurring fault: hour of day, and the weekday for a weekly one. */
    public record Recurring(String component, int hour, DayOfWeek day) { }

    public final List<String> components = new ArrayList<>();
    /** component → the components it depends on (all true edges). */
    public final Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    public final Set<String> trueEdges = new HashSet<>();
    public final Set<String> unconfiguredEdges = new HashSet<>();
    public final List<Cascade> cascades = new ArrayList<>();
    public final List<Recurring> recurring = new ArrayList<>();
    public final List<FailureEvent> seen = new ArrayList<>();
    /** The failures of the coincident pairs (unrelated components that fail together). */
    public final Set<FailureEvent> coincident = new HashSet<>();
    public final DependencyGraph configured;
    public final Instant end;

    public PatternWorld(WorldSpec spec, long seed) {
        Random random = new Random(seed);
        int n = spec.minComponents() + random.nextInt(spec.maxComponents() - spec.minComponents() + 1);
        Map<String, List<String>> configuredDeps = new LinkedHashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String c = "svc-%02d".formatted(i);
            components.add(c);
            List<String> parents = new ArrayList<>();
            if (i > 0 && random.nextDouble() < spec.parentChance()) {
                int count = 1 + random.nextInt(Math.min(spec.maxParents(), i));
                while (parents.size() < count) {
                    String p = components.get(random.nextInt(i));
                    if (!parents.contains(p)) {
                        parents.add(p);
                    }
                }
            }
            dependsOn.put(c, parents);
            for (String p : parents) {
                trueEdges.add(p + "->" + c);
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
                if (random.nextDouble() < spec.unconfiguredShare()) {
                    unconfiguredEdges.add(p + "->" + c);
                } else {
                    configuredDeps.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                }
            }
        }
        configured = new DependencyGraph(configuredDeps);
        end = START.plus(Duration.ofDays(spec.days()));
        long spanSeconds = Duration.ofDays(spec.days()).toSeconds();

        List<String> withDependents = components.stream().filter(children::containsKey).toList();
        List<String> leaves = new ArrayList<>(components.stream().filter(c -> !children.containsKey(c)).toList());
        java.util.Collections.shuffle(leaves, random);

        // cascades: a root fault spreads to dependents after lags, each with the propagation chance
        long cascadeCount = Math.round(spec.cascadesPerDay() * spec.days());
        for (long k = 0; k < cascadeCount && !withDependents.isEmpty(); k++) {
            String root = withDependents.get(random.nextInt(withDependents.size()));
            Instant start = START.plusSeconds((long) (random.nextDouble() * spanSeconds));
            Map<String, Instant> failed = new LinkedHashMap<>();
            failed.put(root, start);
            List<String> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                String c = todo.removeFirst();
                for (String child : children.getOrDefault(c, List.of())) {
                    if (!failed.containsKey(child) && random.nextDouble() < spec.propagation()) {
                        failed.put(child, failed.get(c).plus(between(random, spec.minLag(), spec.maxLag())));
                        todo.add(child);
                    }
                }
            }
            List<FailureEvent> events = new ArrayList<>();
            failed.forEach((c, at) -> events.add(new FailureEvent(c, "integration_failure",
                    at.plus(between(random, Duration.ZERO, spec.maxDetectionDelay())))));
            cascades.add(new Cascade(root, start, events));
            seen.addAll(events);
        }

        // recurring faults on leaves (they cause nothing else), at a fixed hour and minute
        int leaf = 0;
        for (int r = 0; r < spec.dailyRecurring() + spec.weeklyRecurring() && leaf < leaves.size(); r++) {
            String c = leaves.get(leaf++);
            boolean weekly = r >= spec.dailyRecurring();
            int hour = random.nextInt(24);
            int minute = 15 + random.nextInt(30);
            DayOfWeek day = weekly ? DayOfWeek.of(1 + random.nextInt(7)) : null;
            recurring.add(new Recurring(c, hour, day));
            for (int d = 0; d < spec.days(); d++) {
                Instant midnight = START.plus(Duration.ofDays(d));
                if (weekly && midnight.atZone(ZoneOffset.UTC).getDayOfWeek() != day) {
                    continue;
                }
                if (random.nextDouble() < spec.recurringChance()) {
                    long jitter = spec.recurringJitter().toSeconds();
                    long offset = jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter);
                    seen.add(new FailureEvent(c, "process_down", midnight.plusSeconds(hour * 3600L + minute * 60L + offset)));
                }
            }
        }

        // coincidences: two unrelated leaves failing together, in either order
        for (int p = 0; p < spec.coincidentPairs() && leaf + 1 < leaves.size(); p++) {
            String a = leaves.get(leaf++);
            String b = leaves.get(leaf++);
            long count = Math.round(spec.coincidencesPerDay() * spec.days());
            for (long k = 0; k < count; k++) {
                Instant at = START.plusSeconds((long) (random.nextDouble() * spanSeconds));
                Duration spread = between(random, Duration.ZERO, spec.coincidenceSpread());
                boolean aFirst = random.nextBoolean();
                FailureEvent ea = new FailureEvent(a, "process_down", aFirst ? at : at.plus(spread));
                FailureEvent eb = new FailureEvent(b, "process_down", aFirst ? at.plus(spread) : at);
                seen.add(ea);
                seen.add(eb);
                coincident.add(ea);
                coincident.add(eb);
            }
        }

        // noise: every component fails now and then for no reason that spreads
        for (String c : components) {
            double rate = spec.noisePerComponentPerDay() / 86_400.0;
            if (rate <= 0) {
                continue;
            }
            double t = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / rate;
                if (t >= spanSeconds) {
                    break;
                }
                seen.add(new FailureEvent(c, "integration_failure", START.plusSeconds((long) t)));
            }
        }
        seen.sort(Comparator.comparing(FailureEvent::start).thenComparing(FailureEvent::component));
    }

    private static Duration between(Random random, Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }
}
