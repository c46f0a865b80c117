package dev.selfheal.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepScorerTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    @Test
    void aDetectorThatFiresAtTheStartOfEveryWindowScoresAHundredAndOneThatNeverFiresScoresZero() {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ts.add(T0.plusMinutes(5L * i));
        }
        List<LabelledWindow> windows = List.of(new LabelledWindow(ts.get(400), ts.get(449)), new LabelledWindow(ts.get(700), ts.get(749)));
        double[] perfect = new double[1000];
        perfect[400] = 1;
        perfect[700] = 1;
        double[] silent = new double[1000];

        SweepScorer scorer = new SweepScorer(NabProfile.STANDARD);
        CorpusScore best = scorer.optimise(List.of(ScorableFile.of("f", ts, perfect, windows)));
        CorpusScore none = scorer.optimise(List.of(ScorableFile.of("f", ts, silent, windows)));

        assertThat(best.normalised()).isCloseTo(100.0, within(1e-9));
        assertThat(best.threshold()).isEqualTo(1.0);
        assertThat(none.normalised()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void theSweptThresholdGivesTheBestScoreOfAllCandidateThresholds() {
        List<LocalDateTime> ts = new ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        double[] scores = new double[2000];
        for (int i = 0; i < 2000; i++) {
            ts.add(T0.plusMinutes(5L * i));
            scores[i] = Math.round(random.nextDouble() * 50) / 50.0;
        }
        List<LabelledWindow> windows = List.of(new LabelledWindow(ts.get(900), ts.get(999)), new LabelledWindow(ts.get(1500), ts.get(1599)));
        List<ScorableFile> files = List.of(ScorableFile.of("f", ts, scores, windows));
        SweepScorer scorer = new SweepScorer(NabProfile.REWARD_LOW_FP);

        CorpusScore swept = scorer.optimise(files);

        assertThat(scorer.scoreAt(files, swept.threshold()).raw()).isCloseTo(swept.raw(), within(1e-9));
        for (int k = 0; k <= 50; k++) {
            assertThat(scorer.scoreAt(files, k / 50.0).raw()).isLessThanOrEqualTo(swept.raw() + 1e-9);
        }
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ts.add(T0.plusMinutes(5L * i));
        }
        double[] early = new double[1000];
        for (int i = 0; i < ScorableFile.probationLength(1000); i++) {
            early[i] = 1;
        }
        ScorableFile file = ScorableFile.of("f", ts, early, List.of());

        assertThat(new SweepScorer(NabProfile.STANDARD).rawScore(file, 0.5)).isZero();
        assertThat(ScorableFile.probationLength(1000)).isEqualTo(150);
        assertThat(ScorableFile.probationLength(22_695)).isEqualTo(750);
    }
}
