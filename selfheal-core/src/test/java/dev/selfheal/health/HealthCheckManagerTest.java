package dev.selfheal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckManagerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final EventBus bus = new EventBus();
    private final List<ComponentStatusChanged> transitions = new CopyOnWriteArrayList<>();
    private final List<CheckCompleted> completed = new CopyOnWriteArrayList<>();
    private final List<HealthCheckManager> managers = new ArrayList<>();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

    HealthCheckManagerTest() {
        bus.subscribe(ComponentStatusChanged.class, transitions::add);
        bus.subscribe(CheckCompleted.class, completed::add);
    }

    @AfterEach
    void tearDown() {
        managers.forEach(HealthCheckManager::close);
        virtualThreads.shutdownNow();
    }

    private HealthCheckManager manager(Executor executor, HealthSettings settings) {
        HealthCheckManager manager = new HealthCheckManager(scheduler, executor, bus, settings);
        managers.add(manager);
        return manager;
    }

    private HealthCheckManager manager(Executor executor) {
        return manager(executor, HealthSettings.defaults().withJitter(0, 1));
    }

    private static CheckDefinition every10s(String name, HealthCheck check) {
        return CheckDefinition.builder(name, check).interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5)).build();
    }

    /** An executor that keeps tasks until the test runs them: a check body that has not returned yet. */
    private static final class HoldingExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        synchronized int size() {
            return tasks.size();
        }
    }

    @Test
    void each_check_runs_on_its_own_interval() {
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("fast", () -> {
            fast.incrementAndGet();
            return HealthCheckResult.healthy("ok");
        }));
        manager.register(CheckDefinition.builder("slow", () -> {
            slow.incrementAndGet();
            return HealthCheckResult.healthy("ok");
        }).interval(Duration.ofSeconds(30)).build());

        manager.start();
        scheduler.advance(Duration.ofSeconds(95));

        assertThat(fast).hasValue(10); // at 0, 10, ..., 90
        assertThat(slow).hasValue(4);  // at 0, 30, 60, 90
        assertThat(completed).hasSize(14).allMatch(e -> e.result().timestamp() != null);
    }

    @Test
    void jitter_spreads_first_runs_over_one_interval_and_keeps_each_period_within_ten_percent() {
        HealthCheckManager manager = manager(Runnable::run, HealthSettings.defaults().withJitter(0.1, 42));
        Map<String, List<Long>> runTimes = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 50; i++) {
            String name = "c" + i;
            manager.register(every10s(name, () -> {
                runTimes.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(scheduler.nanoTime());
                return HealthCheckResult.healthy("ok");
            }));
        }

        manager.start();
        scheduler.advance(Duration.ofSeconds(100));

        List<Long> firstRuns = runTimes.values().stream().map(times -> times.getFirst()).sorted().toList();
        assertThat(firstRuns.getFirst()).isLessThan(Duration.ofSeconds(3).toNanos());
        assertThat(firstRuns.getLast()).isGreaterThan(Duration.ofSeconds(7).toNanos()).isLessThan(Duration.ofSeconds(10).toNanos());
        for (List<Long> times : runTimes.values()) {
            for (int i = 1; i < times.size(); i++) {
                long period = times.get(i) - times.get(i - 1);
                assertThat(period).isBetween(Duration.ofMillis(9_500).toNanos(), Duration.ofMillis(10_500).toNanos());
            }
        }
    }

    @Test
    void a_check_that_throws_is_unhealthy_with_the_reason() {
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("db", () -> {
            throw new java.io.IOException("connection refused");
        }));

        manager.start();
        scheduler.advance(Duration.ofSeconds(25));

        assertThat(completed).hasSize(3).allSatisfy(e -> {
            assertThat(e.result().status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(e.result().message()).isEqualTo("Health check failed: connection refused");
        });
        assertThat(manager.component("db").orElseThrow().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void a_check_that_does_not_answer_within_its_timeout_fails_and_is_not_started_twice() {
        HoldingExecutor executor = new HoldingExecutor();
        HealthCheckManager manager = manager(executor);
        manager.register(every10s("hung", () -> HealthCheckResult.healthy("never runs")));

        manager.start();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(completed).singleElement().satisfies(e -> {
            assertThat(e.result().status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(e.result().message()).isEqualTo("Health check failed: timed out after 5 s");
            assertThat(e.result().latency()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(manager.stats().timeouts()).isEqualTo(1);

        // Its body never returns: at each due time it is not started again, and it keeps failing.
        scheduler.advance(Duration.ofSeconds(20));

        assertThat(executor.size()).isEqualTo(1);
        assertThat(manager.stats().overruns()).isEqualTo(2);
        assertThat(completed).hasSize(3);
        assertThat(completed.getLast().result().message()).startsWith("Health check failed: previous run still running after");
        assertThat(manager.component("hung").orElseThrow().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void a_run_still_within_its_timeout_when_due_again_is_skipped_without_a_failure() {
        HoldingExecutor executor = new HoldingExecutor();
        HealthCheckManager manager = manager(executor);
        manager.register(CheckDefinition.builder("long", () -> HealthCheckResult.healthy("ok"))
                .interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(25)).build());

        manager.start();
        scheduler.advance(Duration.ofSeconds(15));

        assertThat(executor.size()).isEqualTo(1);
        assertThat(manager.stats().overruns()).isEqualTo(1);
        assertThat(completed).isEmpty();

        executor.tasks.poll().run(); // the body returns at last

        assertThat(completed).singleElement().satisfies(e -> assertThat(e.result().status()).isEqualTo(HealthStatus.HEALTHY));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(executor.size()).isEqualTo(1); // started again at its next due time
    }

    @Test
    void reading_a_component_never_waits_for_a_subscriber_of_its_transition() throws Exception {
        // A subscriber that waits for a lock (the recovery engine's) while that lock's holder
        // reads the component: the read must not wait for the publishing, or the two never end.
        Object engineLock = new Object();
        CountDownLatch publishing = new CountDownLatch(1);
        bus.subscribe(ComponentStatusChanged.class, e -> {
            publishing.countDown();
            synchronized (engineLock) {
                assertThat(e.component()).isEqualTo("api");
            }
        });
        HealthCheckManager manager = manager(virtualThreads);
        manager.register(every10s("api", () -> HealthCheckResult.healthy("ok")));

        java.util.concurrent.CompletableFuture<ComponentHealth> read;
        synchronized (engineLock) {
            manager.runNow("api");
            assertThat(publishing.await(60, TimeUnit.SECONDS)).as("the transition is being published").isTrue();
            read = java.util.concurrent.CompletableFuture.supplyAsync(() -> manager.component("api").orElseThrow(), virtualThreads);
            assertThat(read.get(60, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void transitions_are_published_with_their_evidence() {
        AtomicReference<HealthStatus> next = new AtomicReference<>(HealthStatus.HEALTHY);
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("api", () -> HealthCheckResult.of(next.get(), "status " + next.get(), Map.of())));
        manager.start();

        scheduler.advance(Duration.ofSeconds(1));
        next.set(HealthStatus.UNHEALTHY);
        scheduler.advance(Duration.ofSeconds(30));
        next.set(HealthStatus.HEALTHY);
        scheduler.advance(Duration.ofSeconds(20));

        assertThat(transitions).extracting(ComponentStatusChanged::to)
                .containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        ComponentStatusChanged down = transitions.get(1);
        assertThat(down.component()).isEqualTo("api");
        assertThat(down.group()).isEqualTo("system");
        assertThat(down.evidence()).hasSize(3).allMatch(r -> r.message().equals("status UNHEALTHY"));
        assertThat(down.at()).isEqualTo(scheduler.now().minusSeconds(21));
    }

    @Test
    void the_report_aggregates_groups_with_the_integration_rule_and_lists_the_default_groups() {
        HealthCheckManager manager = manager(Runnable::run, HealthSettings.defaults().withJitter(0, 1));
        for (String api : List.of("linear", "github", "slack", "codegen")) {
            boolean down = api.equals("slack");
            manager.register(CheckDefinition.builder(api, () -> down ? HealthCheckResult.unhealthy("503") : HealthCheckResult.healthy("ok"))
                    .group("integrations").interval(Duration.ofSeconds(10)).build());
        }
        manager.start();
        scheduler.advance(Duration.ofSeconds(25));

        HealthReport report = manager.report();

        assertThat(report.groups()).extracting(GroupHealth::name)
                .containsExactly("system", "database", "integrations", "performance");
        GroupHealth integrations = report.groups().get(2);
        assertThat(integrations.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(integrations.message()).isEqualTo("3/4 healthy, 1 unhealthy");
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void run_now_runs_a_check_at_once_and_an_unknown_name_says_which_exist() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("api", () -> HealthCheckResult.healthy("run " + runs.incrementAndGet())));

        HealthCheckResult result = manager.runNow("api").get(1, TimeUnit.SECONDS);

        assertThat(result.message()).isEqualTo("run 1");
        assertThatThrownBy(() -> manager.runNow("nope"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no check named 'nope'; registered: api");
    }

    @Test
    void the_result_of_run_now_is_already_applied_to_the_component_when_the_caller_gets_it() {
        HealthCheckManager manager = manager(virtualThreads);
        manager.register(CheckDefinition.builder("api", () -> HealthCheckResult.healthy("ok"))
                .interval(Duration.ofSeconds(10)).build());

        for (int i = 0; i < 50; i++) {
            HealthCheckResult result = manager.runNow("api").join();
            assertThat(manager.component("api").orElseThrow().lastResult()).contains(result);
        }
    }

    @Test
    void registering_a_name_twice_is_refused() {
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("api", () -> HealthCheckResult.healthy("ok")));

        assertThatThrownBy(() -> manager.register(every10s("api", () -> HealthCheckResult.healthy("ok"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'api' is already registered");
    }

    @Test
    void bad_definitions_are_refused_with_the_bad_value() {
        assertThatThrownBy(() -> CheckDefinition.builder("api", () -> null).failureThreshold(0).build())
                .hasMessage("failure-threshold must be at least 1: 0");
        assertThatThrownBy(() -> CheckDefinition.builder("bad name!", () -> null).build())
                .hasMessageContaining("'bad name!'");
    }

    @Test
    void one_slow_check_never_delays_another() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fastRuns = new AtomicInteger();
        HealthCheckManager manager = manager(virtualThreads);
        manager.register(CheckDefinition.builder("slow", () -> {
            release.await();
            return HealthCheckResult.healthy("late");
        }).interval(Duration.ofSeconds(10)).timeout(Duration.ofMinutes(10)).build());
        manager.register(every10s("fast", () -> HealthCheckResult.healthy("run " + fastRuns.incrementAndGet())));
        manager.start();
        scheduler.runDue();

        for (int i = 0; i < 5; i++) {
            int expected = i + 1;
            // Results are published once the check is free again, so the next due time starts a new run.
            await().atMost(Duration.ofSeconds(30)).until(() -> completed.stream().filter(e -> e.component().equals("fast")).count() >= expected);
            scheduler.advance(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fastRuns.get() >= 6);

        assertThat(manager.component("fast").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(manager.stats().overruns()).isGreaterThanOrEqualTo(4); // the slow one was skipped, not stacked
        release.countDown();
    }

    @Test
    void concurrency_is_bounded_by_max_concurrent_checks() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        HealthCheckManager manager = manager(virtualThreads, HealthSettings.defaults().withJitter(0, 1).withMaxConcurrentChecks(2));
        for (int i = 0; i < 5; i++) {
            manager.register(CheckDefinition.builder("c" + i, () -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await();
                } finally {
                    running.decrementAndGet();
                }
                return HealthCheckResult.healthy("ok");
            }).interval(Duration.ofSeconds(10)).timeout(Duration.ofMinutes(1)).build());
        }

        manager.start();
        scheduler.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2);

        assertThat(manager.stats().running()).isEqualTo(2);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> completed.size() == 5);
        assertThat(peak).hasValue(2);
    }

    @Test
    void an_unregistered_check_stops_running() {
        AtomicInteger runs = new AtomicInteger();
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(every10s("api", () -> HealthCheckResult.healthy("run " + runs.incrementAndGet())));
        manager.start();
        scheduler.advance(Duration.ofSeconds(15));

        assertThat(manager.unregister("api")).isTrue();
        scheduler.advance(Duration.ofSeconds(60));

        assertThat(runs).hasValue(2);
        assertThat(scheduler.pending()).isZero();
        assertThat(manager.component("api")).isEmpty();
    }

    @Test
    void a_check_another_node_runs_is_skipped_here_and_its_status_follows_the_results_observed_from_that_node() {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean mine = new java.util.concurrent.atomic.AtomicBoolean(false);
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(CheckDefinition.builder("db", () -> {
            runs.incrementAndGet();
            return HealthCheckResult.healthy("ok");
        }).interval(Duration.ofSeconds(10)).failureThreshold(1).successThreshold(1).build());
        manager.placement(name -> mine.get());
        manager.start();
        scheduler.advance(Duration.ofSeconds(25));

        manager.observe("db", HealthCheckResult.unhealthy("refused").stamped(Duration.ofMillis(2), scheduler.clock().instant()));

        assertThat(runs).hasValue(0);
        assertThat(manager.component("db").orElseThrow().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(transitions).extracting(ComponentStatusChanged::to).containsExactly(HealthStatus.UNHEALTHY);
        assertThat(completed).singleElement().matches(CheckCompleted::observed);

        // When the check moves here, it runs at its next due time and another node's results no longer count
        mine.set(true);
        scheduler.advance(Duration.ofSeconds(10));
        manager.observe("db", HealthCheckResult.unhealthy("stale").stamped(Duration.ofMillis(2), scheduler.clock().instant()));

        assertThat(runs).hasValue(1);
        assertThat(manager.component("db").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(completed).hasSize(2).last().matches(e -> !e.observed());
    }

    @Test
    void another_nodes_result_older_than_the_one_applied_here_does_not_turn_the_status_back() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean mine = new java.util.concurrent.atomic.AtomicBoolean(false);
        HealthCheckManager manager = manager(Runnable::run);
        manager.register(CheckDefinition.builder("db", () -> HealthCheckResult.healthy("ok"))
                .interval(Duration.ofSeconds(10)).failureThreshold(1).successThreshold(1).build());
        manager.placement(name -> mine.get());
        manager.start();
        java.time.Instant ranElsewhere = scheduler.clock().instant();
        scheduler.advance(Duration.ofSeconds(1));

        // When this node checks it on demand (verifying a recovery), and a result the other node found before arrives after
        manager.runNow("db").get();
        manager.observe("db", HealthCheckResult.unhealthy("refused").stamped(Duration.ofMillis(2), ranElsewhere));

        // Then the newer result stands
        assertThat(manager.component("db").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(completed).noneMatch(CheckCompleted::observed);
    }
}
