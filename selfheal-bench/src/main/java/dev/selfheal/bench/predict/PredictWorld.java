package dev.selfheal.bench.predict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The world of the predict bench, as a world file describes it ({@link PredictWorldFile}; the
 * bundled {@code predict-world.yaml} by default): the faults and the normal resources, each a
 * {@link Shape} with the ranges its parameters are drawn from, how many of each, and how long a
 * preventive action takes. One seed draws one run's resources from it.
 *
 * @param source         where it was read from, for the table's heading
 * @param actionDuration how long a preventive action takes
 * @param faultsPerKind  resources of each fault shape
 * @param normalDays     days of each normal resource
 * @param faults         the fault shapes (each reaches its limit after its onset)
 * @param normals        the normal shapes (none ever should warn)
 */
record PredictWorld(String source, Duration actionDuration, int faultsPerKind, double normalDays, List<Shape> faults,
                    List<Shape> normals) {

    static final int STEP_S = 10;
    static final int HOUR = 3600 / STEP_S;

    PredictWorld {
        faults = List.copyOf(faults);
        normals = List.copyOf(normals);
    }

    /** The resources of one run: {@code faultsPerKind} of each fault shape in turn, then each normal shape for {@code normalDays}. */
    List<Scenario> generate(long seed, int faultsPerKind, double normalDays) {
        Random r = new Random(seed);
        List<Scenario> all = new ArrayList<>();
        for (int i = 0; i < faultsPerKind; i++) {
            for (Shape s : faults) {
                all.add(s.generate(r, 0));
            }
        }
        int normalSteps = (int) (normalDays * 24 * HOUR);
        for (Shape s : normals) {
            all.add(s.generate(r, normalSteps));
        }
        return all;
    }
}
