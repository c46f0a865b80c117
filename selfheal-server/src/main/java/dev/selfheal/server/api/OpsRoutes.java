package dev.selfheal.server.api;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** The daemon's own endpoints: {@code /healthz}, {@code /readyz}, {@code /metrics}. */
final class OpsRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiContext api;

    OpsRoutes(ApiContext api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "alive")));
        app.get("/readyz", this::ready);
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(api.metrics().scrape()));
    }

    private void ready(Context ctx) {
        Readiness readiness = api.readiness().get();
        if (readiness == Readiness.READY) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).contentType(ContentType.APPLICATION_JSON).json(new Views.Error("not_ready",
                    "the daemon is " + readiness.name().toLowerCase(Locale.ROOT)));
        }
    }
}
