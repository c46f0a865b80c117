package dev.selfheal.demo.sim.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.time.VirtualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationLedgerTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final AtomicInteger effects = new AtomicInteger();

    private StoredAnswer effect() {
        return new StoredAnswer(201, "{\"id\":" + effects.incrementAndGet() + "}");
    }

    @Test
    void a_repeated_key_is_applied_once_and_answered_with_the_original_answer() {
        ApplicationLedger ledger = ApplicationLedger.inMemory(time.clock());

        ApplicationLedger.Outcome first = ledger.apply(Optional.of("k1"), "comment", this::effect);
        time.advance(Duration.ofSeconds(5));
        ApplicationLedger.Outcome second = ledger.apply(Optional.of("k1"), "comment", this::effect);

        assertThat(effects).hasValue(1);
        assertThat(second.answer()).isEqualTo(first.answer());
        assertThat(second.repeated()).isTrue();
        assertThat(ledger.applications()).singleElement().satisfies(a -> {
            assertThat(a.applied()).isEqualTo(1);
            assertThat(a.requests()).isEqualTo(2);
            assertThat(a.firstAppliedAt()).isEqualTo(a.lastAppliedAt());
            assertThat(a.lastSeenAt()).isEqualTo(a.firstAppliedAt().plusSeconds(5));
        });
    }

    @Test
    void a_refused_request_is_not_an_application_so_its_key_can_be_used_again() {
        ApplicationLedger ledger = ApplicationLedger.inMemory(time.clock());

        ledger.apply(Optional.of("k1"), "comment", () -> new StoredAnswer(422, "{\"message\":\"body missing\"}"));
        ApplicationLedger.Outcome retried = ledger.apply(Optional.of("k1"), "comment", this::effect);

        assertThat(retried.repeated()).isFalse();
        assertThat(retried.answer().status()).isEqualTo(201);
        assertThat(ledger.applications()).singleElement().extracting(ApplicationLedger.Application::applied).isEqualTo(1L);
    }

    @Test
    void keys_are_scoped_by_operation_and_unkeyed_applications_are_counted_apart() {
        ApplicationLedger ledger = ApplicationLedger.inMemory(time.clock());

        ledger.apply(Optional.of("event-7"), "comment", this::effect);
        ledger.apply(Optional.of("event-7"), "message", this::effect);
        ledger.apply(Optional.empty(), "comment", this::effect);
        ledger.apply(Optional.empty(), "comment", this::effect);

        assertThat(effects).hasValue(4);
        assertThat(ledger.applications()).hasSize(2);
        assertThat(ledger.unkeyedApplications()).isEqualTo(2);
    }

    @Test
    void in_record_only_mode_a_repeat_is_applied_again_and_the_double_application_shows() {
        ApplicationLedger ledger = new ApplicationLedger(time.clock(), ApplicationLedger.Mode.RECORD_ONLY, Optional.empty(), List.of());

        ledger.apply(Optional.of("k1"), "comment", this::effect);
        ledger.apply(Optional.of("k1"), "comment", this::effect);

        assertThat(effects).hasValue(2);
        assertThat(ledger.applications()).singleElement().extracting(ApplicationLedger.Application::applied).isEqualTo(2L);
    }

    @Test
    void a_ledger_reloaded_from_its_state_file_still_knows_every_key_and_answer(@TempDir Path dir) {
        Path file = dir.resolve("ledger.jsonl");
        ApplicationLedger before = new ApplicationLedger(time.clock(), ApplicationLedger.Mode.ENFORCE, Optional.of(StateFile.open(file)), List.of());
        StoredAnswer original = before.apply(Optional.of("k1"), "comment", this::effect).answer();
        before.apply(Optional.empty(), "comment", this::effect);
        before.close();

        ApplicationLedger after = new ApplicationLedger(time.clock(), ApplicationLedger.Mode.ENFORCE, Optional.of(StateFile.open(file)),
                StateFile.load(file));
        ApplicationLedger.Outcome repeat = after.apply(Optional.of("k1"), "comment", this::effect);

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.answer()).isEqualTo(original);
        assertThat(effects).hasValue(2);
        assertThat(after.appliedAnswers("comment")).hasSize(2);
        assertThat(after.unkeyedApplications()).isEqualTo(1);
        assertThat(StateFile.load(file)).hasSize(3);
    }

    @Test
    void a_torn_last_line_is_skipped_but_a_damaged_line_before_it_stops_the_load(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        try (StateFile state = StateFile.open(file)) {
            state.append(new LedgerRecord(LedgerRecord.Kind.APPLIED, Optional.of("k1"), "comment", time.now(),
                    Optional.of(new StoredAnswer(201, "{}"))));
        }
        Files.writeString(file, "{\"kind\":\"applied\",\"oper", StandardOpenOption.APPEND);

        assertThat(StateFile.load(file)).hasSize(1);

        Files.writeString(file, "\n{\"kind\":\"repeated\",\"key\":\"k1\",\"operation\":\"comment\",\"at\":\"2026-01-01T00:00:00Z\"}\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> StateFile.load(file))
                .hasMessageContaining(file + " line 2 is not a ledger record")
                .hasMessageContaining("refusing to start");
    }
}
