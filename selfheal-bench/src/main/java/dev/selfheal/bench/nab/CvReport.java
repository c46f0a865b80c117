package dev.selfheal.bench.nab;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints cross-validated NAB scores: a detector's folds in full, and one summary line per detector. */
final class CvReport {

    /** A detector's figures: cross-validated (mean, worst, two halves) and in-sample, per profile. */
    record Summary(String label, CrossValidation.Result cv, List<CrossValidation.Held> halves, double[] inSample) {
    }

    private CvReport() {
    }

    static Summary summarise(String label, List<ScorableFile> files) {
        List<CrossValidation.Fold> folds = CrossValidation.folds(files);
        double[] inSample = new double[NabProfile.all().size()];
        for (int p = 0; p < inSample.length; p++) {
            inSample[p] = new SweepScorer(NabProfile.all().get(p)).optimise(files).normalised();
        }
        return new Summary(label, CrossValidation.leaveOneOut(folds), CrossValidation.halves(folds), inSample);
    }

    static void printFolds(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "leave one category out, %s (each category scored at the thresholds chosen on the others)%n",
                s.label());
        out.printf(Locale.ROOT, "  %-34s %5s %7s %9s %9s %9s %11s%n", "held-out category", "files", "windows", "standard",
                "low_fp", "low_fn", "threshold");
        for (CrossValidation.Held h : s.cv().folds()) {
            out.printf(Locale.ROOT, "  %-34s %5d %7d %9.2f %9.2f %9.2f %11.5f%n", h.fold().name(), h.fold().files().size(),
                    h.fold().windows(), h.score()[0], h.score()[1], h.score()[2], h.threshold()[0]);
        }
        out.printf(Locale.ROOT, "  %-34s %5s %7s %9.2f %9.2f %9.2f%n", "mean", "", "", s.cv().mean()[0], s.cv().mean()[1],
                s.cv().mean()[2]);
        out.printf(Locale.ROOT, "  %-34s %5s %7s %9.2f %9.2f %9.2f%n", "worst", "", "", s.cv().worst()[0], s.cv().worst()[1],
                s.cv().worst()[2]);
        out.printf(Locale.ROOT, "  two fixed halves, each scored at the thresholds chosen on the other:%n");
        for (CrossValidation.Held h : s.halves()) {
            out.printf(Locale.ROOT, "  %-34s %5d %7d %9.2f %9.2f %9.2f %11.5f%n",
                    h.fold().name(), h.fold().files().size(), h.fold().windows(), h.score()[0], h.score()[1], h.score()[2],
                    h.threshold()[0]);
        }
        out.println();
    }

    static void printSummaries(List<Summary> summaries, PrintStream out) {
        out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %8s | %8s %8s %8s%n", "detector (standard unless named)", "cv_mean",
                "cv_worst", "half_1", "half_2", "cv_lowfn", "in_std", "in_lowfp", "in_lowfn");
        for (Summary s : summaries) {
            out.printf(Locale.ROOT, "%-44s %8.2f %8.2f %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f%n", s.label(), s.cv().mean()[0],
                    s.cv().worst()[0], s.halves().get(0).score()[0], s.halves().get(1).score()[0], s.cv().mean()[2],
                    s.inSample()[0], s.inSample()[1], s.inSample()[2]);
        }
        out.println();
    }
}
