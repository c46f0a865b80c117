package dev.selfheal.health.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.status.HealthStatus;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryHealthHistoryStoreTest extends HealthHistoryStoreContract {

    @Override
    protected HealthHistoryStore newStore() {
        return new InMemoryHealthHistoryStore();
    }

    @Test
    void eachComponentKeepsOnlyItsNewestResultsUpToTheBound() {
        InMemoryHealthHistoryStore bounded = new InMemoryHealthHistoryStore(5);

        bounded.appendResults(IntStream.range(0, 12)
                .mapToObj(i -> result("api", HealthStatus.HEALTHY, T0.plusSeconds(i)))
                .toList());

        List<StoredResult> kept = bounded.recentResults("api", 100);
        assertThat(kept).extracting(r -> r.result().timestamp())
                .containsExactly(T0.plusSeconds(11), T0.plusSeconds(10), T0.plusSeconds(9), T0.plusSeconds(8), T0.plusSeconds(7));
    }
}
