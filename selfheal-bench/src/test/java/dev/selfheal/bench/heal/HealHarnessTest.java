package dev.selfheal.bench.heal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's measurement core on one real crash: a simulator process under the selfheal daemon
 * and one under the Kubernetes-style baseline, both really halted by the crash fault; each
 * system must detect it and bring the API back.
 */
class HealHarnessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void oneCrashIsDetectedAndRecoveredByBothSystems() {
        HealHarness.Settings settings = new HealHarness.Settings(1, Duration.ofSeconds(45), false, 1);
        try (HealHarness harness = HealHarness.start(settings, dir)) {
            List<TrialResult> results = harness.trial(0, FaultKind.CRASH);

            assertThat(results).extracting(TrialResult::system).containsExactly("selfheal", "baseline");
            for (TrialResult r : results) {
                assertThat(r.recovered()).as("%s recovered: %s", r.system(), r).isTrue();
                assertThat(r.detection()).as("%s detected: %s", r.system(), r).isPresent();
                assertThat(r.mttr()).as("%s mttr: %s", r.system(), r).isPresent();
                assertThat(r.detection().getAsLong()).isLessThanOrEqualTo(r.mttr().getAsLong());
                assertThat(r.back()).isPresent();
            }
            // The table and the RESULT line are made of these
            assertThat(HealBench.resultLine(results)).startsWith("RESULT detection_p95_ms=")
                    .contains(" recovered=1/1 ").contains(" crash_detection_p95_ms=").contains(" baseline_recovered=1/1");
        }
    }
}
