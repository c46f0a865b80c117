package dev.selfheal.server.api;

import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.Effectiveness;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/recovery/actions}: the registered actions with their settings, the problem
 * types they are mapped to, and per problem type what learning has seen (attempts, verified
 * successes, the Laplace success rate the planner orders by, mean duration); plus the mapping,
 * including names no registered action answers to.
 */
final class RecoveryRoutes {

    private final HealingContext healing;

    RecoveryRoutes(HealingContext healing) {
        this.healing = healing;
    }

    record ActionView(String name, String risk, boolean critical, boolean needsApproval, boolean idempotent, long timeoutMs,
                      long delayAfterMs, long cooldownMs, List<String> problemTypes, List<EffectivenessView> effectiveness) { }

    record EffectivenessView(String problemType, long attempts, long successes, double successRate, long meanDurationMs) { }

    void register(Javalin app) {
        app.get("/api/recovery/actions", ctx -> ctx.json(view()));
    }

    private Map<String, Object> view() {
        RecoveryActionCatalog catalog = healing.engine().catalog();
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        Set<ProblemType> types = new LinkedHashSet<>(catalog.mappedTypes());
        for (var effectiveness : healing.engine().learning().all()) {
            types.add(ProblemType.of(effectiveness.problemType()));
        }
        for (ProblemType type : types) {
            mapping.put(type.name(), catalog.actionNamesFor(type));
        }
        List<Effectiveness> learned = healing.engine().learning().all();
        List<ActionView> actions = new ArrayList<>();
        for (String name : catalog.names()) {
            RecoveryAction a = catalog.action(name).orElseThrow();
            List<String> mappedTo = mapping.entrySet().stream().filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey).toList();
            List<EffectivenessView> seen = learned.stream().filter(e -> e.action().equals(name))
                    .map(e -> new EffectivenessView(e.problemType(), e.attempts(), e.successes(), e.successRate(), e.meanDuration().toMillis()))
                    .toList();
            actions.add(new ActionView(name, a.risk().name(), a.critical(), a.needsApproval(), a.idempotent(), a.timeout().toMillis(),
                    a.delayAfter().toMillis(), a.cooldown().toMillis(), mappedTo, seen));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actions", actions);
        body.put("mapping", mapping);
        return body;
    }
}
