package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link RecoveryRecordStore} runs (core test jar). */
public abstract class RecoveryRecordStoreContract {

    protected abstract RecoveryRecordStore newStore() throws Exception;

    private RecoveryRecordStore store;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    /** A record with every field set to something other than its default. */
    public static RecoveryRecord sample(String incident, String component, Instant openedAt) {
        return new RecoveryRecord(0, incident, component, "api", List.of(ProblemType.PROCESS_DOWN, ProblemType.HIGH_MEMORY_USAGE),
                List.of("db-1", "worker-2"), 13, DayOfWeek.TUESDAY, 2, Optional.of(Duration.ofMinutes(42)),
                List.of("restart_service", "clear_cache"),
                List.of(new RecoveryRun.Step("restart_service", ProblemType.PROCESS_DOWN, Risk.MEDIUM, "FAILED", false,
                                Duration.ofMillis(1500), Duration.ofMillis(1600)),
                        new RecoveryRun.Step("clear_cache", ProblemType.HIGH_MEMORY_USAGE, Risk.LOW, "SUCCEEDED", true,
                                Duration.ofMillis(250), Duration.ofSeconds(12, 123_456_789))),
                IncidentState.RESOLVED, true, openedAt, openedAt.plusSeconds(30).plusNanos(7), "verified after clear_cache: ok");
    }

    @Test
    void a_record_comes_back_exactly_with_a_sequence() {
        Instant t0 = Instant.parse("2026-03-03T13:05:00.123456789Z");
        RecoveryRecord kept = store.append(sample("inc-1", "github-api", t0));

        assertThat(kept.sequence()).isPositive();
        assertThat(store.forIncident("inc-1")).containsExactly(kept);
        assertThat(kept).isEqualTo(sample("inc-1", "github-api", t0).withSequence(kept.sequence()));
        assertThat(kept.fixedBy()).contains("clear_cache");
        assertThat(kept.timeToRecovery()).isEqualTo(Duration.ofSeconds(30, 7));
    }

    @Test
    void a_record_with_nothing_optional_comes_back_as_well() {
        Instant t0 = Instant.parse("2026-03-03T00:00:00Z");
        RecoveryRecord bare = new RecoveryRecord(0, "inc-9", "worker", "worker", List.of(ProblemType.PROCESS_DOWN), List.of(), 0,
                DayOfWeek.SUNDAY, 0, Optional.empty(), List.of(), List.of(), IncidentState.ESCALATED, false, t0, t0, "");

        RecoveryRecord kept = store.append(bare);

        assertThat(store.forIncident("inc-9")).containsExactly(bare.withSequence(kept.sequence()));
        assertThat(kept.fixedBy()).isEmpty();
    }

    @Test
    void pages_go_back_in_time_and_replays_forward() {
        Instant t0 = Instant.parse("2026-03-03T00:00:00Z");
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = store.append(sample("inc-" + i, i % 2 == 0 ? "a" : "b", t0.plusSeconds(i))).sequence();
        }
        for (int i = 1; i < 5; i++) {
            assertThat(seq[i]).isGreaterThan(seq[i - 1]);
        }

        assertThat(store.before(Long.MAX_VALUE, 2)).extracting(RecoveryRecord::incidentId).containsExactly("inc-4", "inc-3");
        assertThat(store.before(seq[3], 10)).extracting(RecoveryRecord::incidentId).containsExactly("inc-2", "inc-1", "inc-0");
        assertThat(store.after(0, 2)).extracting(RecoveryRecord::incidentId).containsExactly("inc-0", "inc-1");
        assertThat(store.after(seq[1], 10)).extracting(RecoveryRecord::incidentId).containsExactly("inc-2", "inc-3", "inc-4");
        assertThat(store.lastFor("b")).map(RecoveryRecord::incidentId).contains("inc-3");
        assertThat(store.lastFor("nobody")).isEmpty();
    }
}
