package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryAlertStoreTest {

    @Nested
    class Contract extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new InMemoryAlertStore();
        }
    }

    @Test
    void resolved_alerts_beyond_the_bound_are_forgotten_oldest_first() {
        InMemoryAlertStore store = new InMemoryAlertStore(3, 10);
        for (int i = 0; i < 5; i++) {
            store.save(AlertStoreContract.alert("a" + i, AlertStatus.RESOLVED, Instant.EPOCH.plusSeconds(i)));
        }
        assertThat(store.recent(10)).hasSize(3);
        assertThat(store.find("a0")).isEmpty();
        assertThat(store.find("a4")).isPresent();
    }
}
