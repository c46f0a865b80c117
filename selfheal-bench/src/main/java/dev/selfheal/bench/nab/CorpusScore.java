package dev.selfheal.bench.nab;

/**
 * A corpus scored under one profile at one threshold. {@code normalised} is NAB's reported
 * number, {@code 100 · (raw − null) / (perfect − null)}: perfect detects every window at its
 * first row (tp each), null never fires (−fn each).
 */
public record CorpusScore(NabProfile profile, double threshold, double raw, int windows, double normalised) {

    static CorpusScore of(NabProfile profile, double threshold, double raw, int windows) {
        double perfect = profile.tpWeight() * windows;
        double none = -profile.fnWeight() * windows;
        double normalised = windows == 0 ? 0 : 100.0 * (raw - none) / (perfect - none);
        return new CorpusScore(profile, threshold, raw, windows, normalised);
    }
}
