package dev.selfheal.server.api;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.server.config.ConfigDump;
import dev.selfheal.status.HealthCheckResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code /api/...}: the health report, a component's history, run a check now, the config. */
final class HealthRoutes {

    static final int DEFAULT_HISTORY_LIMIT = 50;
    static final int MAX_HISTORY_LIMIT = 1_000;

    private final ApiContext api;

    HealthRoutes(ApiContext api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/health", this::health);
        app.get("/api/components/{name}/history", this::history);
        app.post("/api/checks/{name}/run", this::run);
        app.get("/api/config", ctx -> ctx.json(ConfigDump.tree(api.config())));
    }

    private void health(Context ctx) {
        ctx.json(Views.health(api.manager().report(), api.masker()));
    }

    private void history(Context ctx) {
        CheckDefinition definition = definition(ctx.pathParam("name"));
        int limit = limit(ctx.queryParam("limit"));
        ctx.json(Views.history(definition.name(), definition.group(),
                api.history().transitions(definition.name(), limit),
                api.history().recentResults(definition.name(), limit), api.masker()));
    }

    /**
     * Answered when the check ends, without holding a request thread meanwhile (there are few:
     * {@link ApiServer#MAX_REQUEST_THREADS}; a slow check would otherwise take one for its timeout).
     */
    private void run(Context ctx) {
        CheckDefinition definition = definition(ctx.pathParam("name"));
        // The engine's own timeout completes the run; the margin only guards against a lost future.
        Duration wait = definition.timeout().plusSeconds(10);
        ctx.future(() -> api.manager().runNow(definition.name()).orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, error) -> {
                    Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        ctx.status(504).json(new Views.Error("timeout", "check '%s' did not finish within %ss".formatted(
                                definition.name(), wait.toSeconds())));
                    } else if (cause != null) {
                        ctx.status(500).json(new Views.Error("internal_error", api.masker().mask(
                                "check '%s' could not run: %s".formatted(definition.name(), cause))));
                    } else {
                        ctx.json(new Views.RunResult(definition.name(), definition.group(), Views.result(result, api.masker())));
                    }
                    return null;
                }));
    }

    private CheckDefinition definition(String name) {
        return api.manager().definition(name).orElseThrow(() -> new NoSuchElementException(
                "no check named '%s'; known checks: %s".formatted(name, knownChecks())));
    }

    private String knownChecks() {
        var names = api.manager().definitions().stream().map(CheckDefinition::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_HISTORY_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_HISTORY_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("query parameter 'limit' must be a whole number within 1-%d, got '%s'"
                .formatted(MAX_HISTORY_LIMIT, text));
    }
}
