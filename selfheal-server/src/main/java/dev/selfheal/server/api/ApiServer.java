package dev.selfheal.server.api;

import dev.selfheal.server.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: the REST API, Prometheus metrics and the daemon's own probes.
 * Every error is JSON, {@code {"error": "not_found", "detail": "..."}}, with a detail that says
 * what was wrong and, where it helps, what would be right.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(ServerConfig server, ApiContext api) {
        return start(server, api, app -> { });
    }

    /** With more routes, added by the capabilities that own them (e.g. {@link HealingContext#register}). */
    public static ApiServer start(ServerConfig server, ApiContext api, java.util.function.Consumer<Javalin> moreRoutes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
        });
        new HealthRoutes(api).register(app);
        new OpsRoutes(api).register(app);
        moreRoutes.accept(app);
        app.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(new Views.Error(e.error(), e.getMessage())));
        app.exception(NoSuchElementException.class, (e, ctx) -> ctx.status(404).json(new Views.Error("not_found", e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(new Views.Error(
                e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
                e.getStatus() == 404 ? "no endpoint %s %s".formatted(ctx.method(), ctx.path()) : e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("event=api_request_failed method={} path={} error=\"{}\"", ctx.method(), ctx.path(), api.masker().mask(e.toString()), e);
            ctx.status(500).json(new Views.Error("internal_error", api.masker().mask(e.toString())));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                ctx.json(new Views.Error("not_found", "no endpoint %s %s".formatted(ctx.method(), ctx.path())));
            }
        });
        app.error(405, ctx -> ctx.json(new Views.Error("method_not_allowed", "%s is not allowed on %s".formatted(ctx.method(), ctx.path()))));
        app.start(server.bind(), server.port());
        return new ApiServer(app);
    }

    /** The port it listens on (the real one when the config said 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
