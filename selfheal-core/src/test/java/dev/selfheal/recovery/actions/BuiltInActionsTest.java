package dev.selfheal.recovery.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EventBus;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuiltInActionsTest {

    private static ActionContext on(String component) {
        return ActionContext.manual(component, Instant.now());
    }

    @Test
    void the_catalog_maps_each_problem_type_to_its_default_actions_and_can_be_overridden() {
        RecoveryActionCatalog catalog = new RecoveryActionCatalog();
        assertThat(catalog.actionNamesFor(ProblemType.INTEGRATION_FAILURE)).containsExactly("restart_integration", "enable_degradation");
        assertThat(catalog.actionNamesFor(ProblemType.HIGH_MEMORY_USAGE)).containsExactly("garbage_collect", "clear_cache");
        assertThat(catalog.actionNamesFor(ProblemType.HIGH_CPU_USAGE)).containsExactly("scale_resources", "enable_degradation");
        assertThat(catalog.actionNamesFor(ProblemType.DATABASE_ISSUES)).containsExactly("clear_dead_connections", "failover_database");
        assertThat(catalog.actionNamesFor(ProblemType.PERFORMANCE_DEGRADATION)).containsExactly("clear_cache", "scale_resources");
        assertThat(catalog.actionNamesFor(ProblemType.PROCESS_DOWN)).containsExactly("restart_service");

        catalog.map(ProblemType.PROCESS_DOWN, List.of("restart_service", "page_oncall"));
        assertThat(catalog.actionNamesFor(ProblemType.PROCESS_DOWN)).containsExactly("restart_service", "page_oncall");
    }

    @Test
    void clear_cache_empties_every_registered_cache() {
        Map<String, String> a = new ConcurrentHashMap<>(Map.of("k1", "v", "k2", "v"));
        Map<String, String> b = new ConcurrentHashMap<>(Map.of("k", "v"));
        ClearCacheAction action = new ClearCacheAction().register(cache("a", a)).register(cache("b", b));

        ActionResult result = action.execute(on("api"));

        assertThat(a).isEmpty();
        assertThat(b).isEmpty();
        assertThat(result.message()).isEqualTo("cleared 2 cache(s), 3 entries");
        assertThat(new ClearCacheAction().execute(on("api")).success()).isFalse();
    }

    private static ClearableCache cache(String name, Map<String, String> map) {
        return new ClearableCache() {
            @Override public String name() { return name; }
            @Override public long clear() {
                int n = map.size();
                map.clear();
                return n;
            }
        };
    }

    @Test
    void restart_integration_calls_the_registered_restarter_of_the_component() throws Exception {
        AtomicInteger resets = new AtomicInteger();
        RestartIntegrationAction action = new RestartIntegrationAction().register("github", i -> {
            resets.incrementAndGet();
            return "breaker reset, client rebuilt for " + i;
        });

        assertThat(action.execute(on("github")).message()).isEqualTo("breaker reset, client rebuilt for github");
        assertThat(resets).hasValue(1);
    }

    @Test
    void enable_degradation_raises_the_level_for_a_while() {
        DegradationManager degradation = new DegradationManager(new VirtualScheduler(), new EventBus(), DegradationSettings.defaults());

        ActionResult result = new EnableDegradationAction(degradation).execute(on("github"));

        assertThat(result.success()).isTrue();
        assertThat(degradation.level()).isEqualTo(DegradationLevel.REDUCED_FEATURES);
        assertThat(degradation.features().isEnabled("batch_processing")).isFalse();
    }

    @Test
    void clear_dead_connections_soft_evicts_the_components_pool() {
        AtomicInteger evictions = new AtomicInteger();
        ClearDeadConnectionsAction action = new ClearDeadConnectionsAction().register("orders-db", evictions::incrementAndGet);

        assertThat(action.execute(on("orders-db")).success()).isTrue();
        assertThat(evictions).hasValue(1);
    }

    @Test
    void garbage_collect_runs_in_process_and_reports_the_heap() throws Exception {
        ActionResult result = new GarbageCollectAction().execute(on("jvm"));

        assertThat(result.success()).isTrue();
        assertThat(result.details()).containsKeys("heap_used_before", "heap_used_after");
    }

    @Test
    void garbage_collect_runs_jcmd_against_another_jvm() throws Exception {
        GarbageCollectAction action = new GarbageCollectAction(ProcessHandle.current().info().command()
                .map(java -> java.replaceAll("java$", "jcmd")).orElse("jcmd"))
                .registerJvm("self", () -> ProcessHandle.current().pid());

        ActionResult result = action.execute(on("self"));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("jcmd " + ProcessHandle.current().pid() + " GC.run");
    }

    @Test
    void scale_resources_runs_its_command() throws Exception {
        ActionResult result = ScaleResourcesAction.command(dev.selfheal.process.CommandSpec.of(Duration.ofSeconds(5),
                "sh", "-c", "echo scaled to $((1+2)) replicas")).execute(on("api"));

        assertThat(result.success()).isTrue();
        assertThat(result.details()).containsEntry("output", "scaled to 3 replicas");
    }
}
