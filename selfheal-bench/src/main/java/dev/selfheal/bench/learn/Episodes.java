package dev.selfheal.bench.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The incidents of a run, drawn once from the seed and replayed identically for every planner,
 * with the luck of each action drawn up front too (common random numbers): when two planners
 * try the same action on the same incident, it works for both or for neither, so their
 * difference is their order, not their luck.
 */
final class Episodes {

    /** One incident: which component gets which fault, and each action's luck and time factor. */
    record Episode(int index, String component, String kind, String fault, Map<String, Double> luck, Map<String, Double> timeFactor) { }

    private Episodes() { }

    static List<Episode> draw(LearnWorld world, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String[]> components = new ArrayList<>();
        world.kinds().forEach((kind, n) -> {
            for (int i = 1; i <= n; i++) {
                components.add(new String[] {kind + "-" + i, kind});
            }
        });
        double totalWeight = world.faults().values().stream().mapToDouble(LearnWorld.Fault::weight).sum();
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] c = components.get(random.nextInt(components.size()));
            double pick = random.nextDouble() * totalWeight;
            LearnWorld.Fault fault = null;
            for (LearnWorld.Fault f : world.faults().values()) {
                fault = f;
                pick -= f.weight();
                if (pick < 0) {
                    break;
                }
            }
            Map<String, Double> luck = new HashMap<>();
            Map<String, Double> time = new HashMap<>();
            for (String action : world.actions().keySet()) {
                luck.put(action, random.nextDouble());
                time.put(action, 1 + world.noise() * (2 * random.nextDouble() - 1));
            }
            episodes.add(new Episode(i, c[0], c[1], fault.name(), luck, time));
        }
        return episodes;
    }
}
