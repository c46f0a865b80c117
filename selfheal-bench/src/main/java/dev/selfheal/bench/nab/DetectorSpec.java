package dev.selfheal.bench.nab;

import dev.selfheal.anomaly.AnomalyDetector;
import dev.selfheal.anomaly.AnomalyDetectors;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which detector a run uses: a registered detector by name, possibly without some of its parts
 * (an ablation), or NAB's windowed-Gaussian baseline. {@link #create()} gives a fresh one per series.
 */
record DetectorSpec(String name, Set<String> without, ZoneId zone) {

    DetectorSpec {
        without = Set.copyOf(without);
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + names());
        }
        if (!without.isEmpty()) {
            if (WindowedGaussian.NAME.equals(name)) {
                throw new IllegalArgumentException(name + " has no parts to leave out");
            }
            AnomalyDetectors.create(name, zone, without); // names an unknown part
        }
    }

    /** The registered detectors and the baseline. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(AnomalyDetectors.names());
        names.add(WindowedGaussian.NAME);
        return names;
    }

    AnomalyDetector create() {
        if (WindowedGaussian.NAME.equals(name)) {
            return new WindowedGaussian();
        }
        return without.isEmpty() ? AnomalyDetectors.create(name, zone) : AnomalyDetectors.create(name, zone, without);
    }

    /** The name with the parts left out, as tables and results folders show it. */
    String label() {
        return without.isEmpty() ? name : name + "-without-" + String.join("+", new java.util.TreeSet<>(without));
    }

    boolean isBaseline() {
        return WindowedGaussian.NAME.equals(name);
    }
}
