package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code clear_cache}: empties every registered cache (caches are shared by components, and
 * memory pressure or slowness is rarely one cache's alone). Fails when none is registered.
 */
public final class ClearCacheAction implements RecoveryAction {

    private final List<ClearableCache> caches = new CopyOnWriteArrayList<>();

    public ClearCacheAction register(ClearableCache cache) {
        caches.add(cache);
        return this;
    }

    @Override public String name() { return "clear_cache"; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(10); }

    @Override
    public ActionResult execute(ActionContext context) {
        if (caches.isEmpty()) {
            return ActionResult.failed("no ClearableCache registered");
        }
        Map<String, String> cleared = new LinkedHashMap<>();
        long total = 0;
        for (ClearableCache cache : caches) {
            long n = cache.clear();
            cleared.put(cache.name(), Long.toString(n));
            total += Math.max(0, n);
        }
        return ActionResult.ok("cleared %d cache(s), %d entries".formatted(caches.size(), total), cleared);
    }
}
