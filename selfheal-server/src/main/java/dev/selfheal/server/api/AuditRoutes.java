package dev.selfheal.server.api;

import dev.selfheal.server.config.SecurityConfig;
import dev.selfheal.server.security.AuditLog;
import dev.selfheal.server.security.Principal;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/audit?limit=N}: the latest mutating calls, newest first (admin only; see
 * AccessFilter). {@code GET /api/whoami}: the caller's token name and role, for the console.
 */
final class AuditRoutes {

    private final AuditLog audit;
    private final SecurityConfig security;

    AuditRoutes(AuditLog audit, SecurityConfig security) {
        this.audit = audit;
        this.security = security;
    }

    void register(Javalin app) {
        app.get("/api/audit", ctx -> ctx.json(Map.of("entries", audit.latest(HealthRoutes.limit(ctx.queryParam("limit"))))));
        app.get("/api/whoami", ctx -> {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("auth", security.enabled());
            me.put("name", Principal.of(ctx).map(Principal::name).orElse(null));
            // Without tokens the API is open on loopback: whoever reaches it may do everything.
            me.put("role", Principal.of(ctx).map(p -> p.role().label()).orElse(SecurityConfig.Role.ADMIN.label()));
            ctx.json(me);
        });
    }
}
