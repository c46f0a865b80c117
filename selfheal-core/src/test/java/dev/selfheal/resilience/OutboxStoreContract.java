package dev.selfheal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OutboxStore} keeps. An implementation's test extends this class
 * and returns a fresh, empty store from {@link #newStore()}.
 */
public abstract class OutboxStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected OutboxStore store;

    protected abstract OutboxStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @Test
    void pendingEntriesComeBackInParkingOrderPerIntegration() {
        for (int i = 0; i < 5; i++) {
            store.park("slack", "post", "s-" + i, "{\"n\":" + i + "}", T0.plusSeconds(i));
            store.park("github", "comment", "g-" + i, "g" + i, T0.plusSeconds(i));
        }

        assertThat(store.pending("slack", 100)).extracting(OutboxEntry::idempotencyKey).containsExactly("s-0", "s-1", "s-2", "s-3", "s-4");
        assertThat(store.pending("github", 3)).extracting(OutboxEntry::payload).containsExactly("g0", "g1", "g2");
        assertThat(store.pendingCount("slack")).isEqualTo(5);
        assertThat(store.pending("linear", 10)).isEmpty();
        OutboxEntry first = store.pending("slack", 1).get(0);
        assertThat(first.operation()).isEqualTo("post");
        assertThat(first.parkedAt()).isEqualTo(T0);
        assertThat(first.attempts()).isZero();
        assertThat(first.lastError()).isEmpty();
    }

    @Test
    void parkingTheSameKeyTwiceParksOnce() {
        OutboxEntry a = store.park("slack", "post", "k1", "first", T0);
        OutboxEntry b = store.park("slack", "post", "k1", "second", T0.plusSeconds(1));
        store.park("github", "post", "k1", "other integration", T0);

        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.payload()).isEqualTo("first");
        assertThat(store.pendingCount("slack")).isEqualTo(1);
        assertThat(store.pendingCount("github")).isEqualTo(1);
    }

    @Test
    void deliveredEntriesLeaveAndRepeatsAreHarmless() {
        OutboxEntry a = store.park("slack", "post", "k1", "p1", T0);
        store.park("slack", "post", "k2", "p2", T0);

        store.markDelivered(a.id());
        store.markDelivered(a.id());
        store.markDelivered(987654);

        assertThat(store.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("k2");
    }

    @Test
    void aFailedReplayIsCountedAndKeepsItsPlace() {
        OutboxEntry a = store.park("slack", "post", "k1", "p1", T0);
        store.park("slack", "post", "k2", "p2", T0);

        store.recordFailure(a.id(), "HTTP 503", T0.plusSeconds(5));
        store.recordFailure(a.id(), "timeout", T0.plusSeconds(9));

        List<OutboxEntry> pending = store.pending("slack", 10);
        assertThat(pending).extracting(OutboxEntry::idempotencyKey).containsExactly("k1", "k2");
        assertThat(pending.get(0).attempts()).isEqualTo(2);
        assertThat(pending.get(0).lastError()).contains("timeout");
    }

    @Test
    void deadEntriesLeaveTheQueueButAreKept() {
        OutboxEntry a = store.park("slack", "post", "k1", "p1", T0);
        store.park("slack", "post", "k2", "p2", T0);

        store.markDead(a.id(), "HTTP 400: channel_not_found", T0.plusSeconds(1));

        assertThat(store.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("k2");
        assertThat(store.pendingCount("slack")).isEqualTo(1);
        assertThat(store.dead("slack", 10)).singleElement().satisfies(e -> {
            assertThat(e.idempotencyKey()).isEqualTo("k1");
            assertThat(e.lastError()).contains("HTTP 400: channel_not_found");
        });
    }

    @Test
    void payloadsKeepEveryCharacter() {
        String payload = "{\"text\":\"ünïcödé ✓ \\n 'quotes' \\\"dq\\\" \\u0000\"}\n\ttabs";
        store.park("slack", "post", "k-ü", payload, T0);
        assertThat(store.pending("slack", 1).get(0).payload()).isEqualTo(payload);
        assertThat(store.pending("slack", 1).get(0).idempotencyKey()).isEqualTo("k-ü");
    }
}
