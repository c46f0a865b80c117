package dev.selfheal.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();

    @Test
    void tasks_run_in_time_order_each_seeing_its_own_due_time() {
        List<String> seen = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(2), () -> seen.add("b@" + scheduler.nanoTime() / 1_000_000_000));
        scheduler.schedule(Duration.ofSeconds(1), () -> seen.add("a@" + scheduler.nanoTime() / 1_000_000_000));
        scheduler.schedule(Duration.ofSeconds(5), () -> seen.add("c"));

        scheduler.advance(Duration.ofSeconds(3));

        assertThat(seen).containsExactly("a@1", "b@2");
        assertThat(scheduler.nanoTime()).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void tasks_scheduled_by_tasks_run_within_the_same_advance_when_due() {
        List<Long> seen = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            seen.add(scheduler.nanoTime() / 1_000_000_000);
            scheduler.schedule(Duration.ofSeconds(1), tick[0]);
        };
        scheduler.schedule(Duration.ZERO, tick[0]);

        scheduler.advance(Duration.ofMillis(3_500));

        assertThat(seen).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void a_cancelled_task_never_runs() {
        List<String> seen = new ArrayList<>();
        Cancellable task = scheduler.schedule(Duration.ofSeconds(1), () -> seen.add("ran"));

        task.cancel();
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(seen).isEmpty();
    }

    @Test
    void the_clock_moves_with_virtual_time() {
        var start = scheduler.clock().instant();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(Duration.between(start, scheduler.clock().instant())).isEqualTo(Duration.ofMinutes(5));
    }
}
