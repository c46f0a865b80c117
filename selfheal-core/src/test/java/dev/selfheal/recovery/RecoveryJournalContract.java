package dev.selfheal.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.recovery.RecoveryJournalEntry.Status;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link RecoveryJournal} runs (core test jar). Each test gets an empty journal. */
public abstract class RecoveryJournalContract {

    protected abstract RecoveryJournal newJournal() throws Exception;

    private RecoveryJournal journal;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000000001Z");

    @BeforeEach
    void freshJournal() throws Exception {
        journal = newJournal();
    }

    private static RecoveryJournalEntry step(String id, String incident, String component, Instant at) {
        return RecoveryJournalEntry.running(id, incident, component, component, "restart_service", true, at);
    }

    @Test
    void a_step_is_running_from_begin_until_it_ends_and_the_first_ending_wins() {
        journal.begin(step("s1", "inc-1", "worker", T0));
        assertThat(journal.running()).extracting(RecoveryJournalEntry::stepId).containsExactly("s1");

        assertThat(journal.end("s1", Status.SUCCEEDED, T0.plusSeconds(3), "pid 1 -> 2")).isTrue();
        assertThat(journal.end("s1", Status.INTERRUPTED, T0.plusSeconds(9), "late")).isFalse();

        assertThat(journal.running()).isEmpty();
        assertThat(journal.find("s1")).contains(step("s1", "inc-1", "worker", T0).ended(Status.SUCCEEDED, T0.plusSeconds(3), "pid 1 -> 2"));
        assertThat(journal.end("unknown", Status.FAILED, T0, "x")).isFalse();
    }

    @Test
    void a_step_begins_only_once() {
        journal.begin(step("s1", "inc-1", "worker", T0));
        assertThatThrownBy(() -> journal.begin(step("s1", "inc-1", "worker", T0))).hasMessageContaining("already begun");
    }

    @Test
    void steps_are_found_by_component_since_a_time_and_by_incident() {
        journal.begin(step("s1", "inc-1", "worker", T0));
        journal.begin(step("s2", "inc-1", "worker", T0.plusSeconds(60)));
        journal.begin(step("s3", "inc-2", "other", T0.plusSeconds(61)));
        journal.end("s1", Status.FAILED, T0.plusSeconds(1), "exit 1");

        assertThat(journal.since("worker", T0.plusSeconds(1))).extracting(RecoveryJournalEntry::stepId).containsExactly("s2");
        assertThat(journal.since("worker", T0)).extracting(RecoveryJournalEntry::stepId).containsExactly("s2", "s1");
        assertThat(journal.forIncident("inc-1")).extracting(RecoveryJournalEntry::stepId).containsExactly("s1", "s2");
        assertThat(journal.running()).extracting(RecoveryJournalEntry::stepId).containsExactly("s2", "s3");
    }
}
