package dev.selfheal.bench.nab;

import java.util.List;

/**
 * One NAB scoring profile: the weights of a true positive, a false positive and a false
 * negative (NAB's {@code profiles.json}; the true-negative weight is unused by the scorer).
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public NabProfile {
        if (tpWeight <= 0 || fpWeight < 0 || fnWeight < 0) {
            throw new IllegalArgumentException("profile " + name + ": weights must be tp > 0, fp >= 0, fn >= 0, got "
                    + tpWeight + ", " + fpWeight + ", " + fnWeight);
        }
    }

    /** The three profiles NAB publishes, in the order they are reported. */
    public static List<NabProfile> all() {
        return List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);
    }
}
