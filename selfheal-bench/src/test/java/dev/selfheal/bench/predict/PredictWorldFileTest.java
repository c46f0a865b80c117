package dev.selfheal.bench.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictWorldFileTest {

    private static final String SMALL = """
            action_duration: 20s
            faults_per_kind: 2
            normal_days: 0.5
            faults:
              leak: {shape: leak, base: [0.2, 0.4], noise: 0.01, onset: [10m, 20m], to_fail: 30m}
            normal:
              batches: {shape: bursts, base: 0.3, calm: [1h, 2h], rise: 20m, peak: [0.6, 0.9], drain: 5m, noise: 0.01}
            """;

    @Test
    void the_bundled_world_reads_with_six_faults_and_six_normal_resources() {
        PredictWorld world = PredictWorldFile.bundled();

        assertThat(world.faults()).extracting(Shape::name).contains("leak-linear", "quota-drain");
        assertThat(world.normals()).extracting(Shape::name).contains("normal-bursts", "normal-daily");
        assertThat(world.actionDuration()).isEqualTo(Duration.ofSeconds(30));
        List<Scenario> run = world.generate(21, 1, 0.5);
        assertThat(run).hasSize(12);
        assertThat(run.stream().filter(Scenario::fault)).allSatisfy(s -> assertThat(s.values()[s.failAt().getAsInt()]).isGreaterThanOrEqualTo(1));
    }

    @Test
    void a_small_world_draws_its_resources_from_its_ranges_the_same_way_for_the_same_seed() {
        PredictWorld world = PredictWorldFile.parse("small.yaml", SMALL);

        List<Scenario> run = world.generate(7, world.faultsPerKind(), world.normalDays());

        assertThat(run).extracting(Scenario::kind).containsExactly("leak", "leak", "batches");
        Scenario leak = run.getFirst();
        // onset 10-20 min and 30 min to fail, in readings of 10 s
        assertThat(leak.onset()).isBetween(60, 120);
        assertThat(leak.failAt().getAsInt() - leak.onset()).isBetween(170, 190);
        assertThat(run.getLast().values()).hasSize(12 * 360);
        assertThat(world.generate(7, 2, 0.5).getFirst().values()).isEqualTo(leak.values());
    }

    @Test
    void mistakes_name_the_file_and_the_key_path() {
        assertThatThrownBy(() -> PredictWorldFile.parse("w.yaml", SMALL.replace("to_fail: 30m", "to_fail: soon")))
                .hasMessage("w.yaml: faults.leak.to_fail must be a duration such as 20s, 2m or 1h, got soon");
        assertThatThrownBy(() -> PredictWorldFile.parse("w.yaml", SMALL.replace("peak: [0.6, 0.9]", "peak: [0.9, 0.6]")))
                .hasMessage("w.yaml: normal.batches.peak must be a range [low, high] with low at most high, got [0.9, 0.6]");
        assertThatThrownBy(() -> PredictWorldFile.parse("w.yaml", SMALL.replace("shape: bursts", "shape: leak")))
                .hasMessageStartingWith("w.yaml: normal.batches.shape must be a normal shape (under normal): flat, daily");
        assertThatThrownBy(() -> PredictWorldFile.parse("w.yaml", SMALL.replace("noise: 0.01, onset", "nosie: 0.01, onset")))
                .hasMessageStartingWith("w.yaml: faults.leak.nosie is not a known key");
        assertThatThrownBy(() -> PredictWorldFile.parse("w.yaml", SMALL.replace("to_fail: 30m", "")))
                .hasMessage("w.yaml: faults.leak.to_fail is missing");
    }
}
