package dev.selfheal.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final List<LocalDateTime> TS = timestamps();

    private static List<LocalDateTime> timestamps() {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ts.add(T0.plusMinutes(5L * i));
        }
        return ts;
    }

    /** A file with one window at rows 400-449 whose detector scores {@code hit} there and {@code noise} at row 800. */
    private static ScorableFile file(String name, double hit, double noise) {
        double[] scores = new double[TS.size()];
        scores[400] = hit;
        scores[800] = noise;
        return ScorableFile.of(name, TS, scores, List.of(new LabelledWindow(TS.get(400), TS.get(449))));
    }

    @Test
    void aCategoryWithoutWindowsIsScoredWithTheCategoryWhoseNameIsNearest() {
        ScorableFile quiet = ScorableFile.of("artificialNoAnomaly/a.csv", TS, new double[TS.size()], List.of());
        List<CrossValidation.Fold> folds = CrossValidation.folds(List.of(quiet, file("artificialWithAnomaly/b.csv", 1, 0),
                file("realX/c.csv", 1, 0)));

        assertThat(folds).extracting(CrossValidation.Fold::name).containsExactly("artificial*", "realX");
        assertThat(folds.get(0).files()).hasSize(2);
    }

    @Test
    void eachCategoryIsScoredAtTheThresholdChosenOnTheOthersNotAtItsOwnBest() {
        // Category a alone is best at 0.9 (its window scores 0.9, its false alarm 0.5); category b's best is 0.5.
        ScorableFile a = file("a/1.csv", 0.9, 0.5);
        ScorableFile b = file("b/1.csv", 0.5, 0.3);
        List<CrossValidation.Fold> folds = CrossValidation.folds(List.of(a, b));

        CrossValidation.Result cv = CrossValidation.leaveOneOut(folds);

        SweepScorer standard = new SweepScorer(NabProfile.STANDARD);
        CrossValidation.Held heldA = cv.folds().get(0);
        assertThat(heldA.threshold()[0]).isEqualTo(standard.optimise(List.of(b)).threshold());
        assertThat(heldA.score()[0]).isCloseTo(standard.scoreAt(List.of(a), heldA.threshold()[0]).normalised(), within(1e-9));
        assertThat(heldA.score()[0]).isLessThan(standard.optimise(List.of(a)).normalised());
        assertThat(cv.worst()[0]).isEqualTo(Math.min(cv.folds().get(0).score()[0], cv.folds().get(1).score()[0]));
        assertThat(cv.mean()[0]).isCloseTo((cv.folds().get(0).score()[0] + cv.folds().get(1).score()[0]) / 2, within(1e-9));
    }

    @Test
    void theTwoHalvesAlternateCategoriesInNameOrder() {
        List<CrossValidation.Fold> folds = CrossValidation.folds(List.of(file("a/1.csv", 1, 0), file("b/1.csv", 1, 0),
                file("c/1.csv", 1, 0), file("d/1.csv", 1, 0)));

        List<CrossValidation.Held> halves = CrossValidation.halves(folds);

        assertThat(halves).extracting(h -> h.fold().name()).containsExactly("a+c", "b+d");
    }

    @Test
    void theWindowedGaussianBaselineScoresASpikeAboveOrdinaryNoise() {
        WindowedGaussian g = new WindowedGaussian();
        java.util.Random random = new java.util.Random(1);
        double ordinary = 0;
        for (int i = 0; i < 500; i++) {
            double score = g.update(java.time.Instant.ofEpochSecond(300L * i), random.nextGaussian()).score();
            ordinary = i < 100 ? 0 : Math.max(ordinary, score); // its first points have almost no window to judge by
        }
        double spike = g.update(java.time.Instant.ofEpochSecond(300L * 500), 12).score();

        assertThat(spike).isGreaterThan(0.99999);
        assertThat(ordinary).isLessThan(spike);
    }
}
