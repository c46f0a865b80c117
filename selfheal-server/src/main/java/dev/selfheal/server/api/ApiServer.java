package dev.selfheal.server.api;

import dev.selfheal.server.config.ServerConfig;
import dev.selfheal.server.console.ConsoleRoutes;
import dev.selfheal.server.security.AccessDenied;
import dev.selfheal.server.security.AccessFilter;
import dev.selfheal.server.security.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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

    /** One registered endpoint, e.g. {@code POST /api/incidents/{id}/approve}. */
    public record Route(String method, String path) { }

    /**
     * Threads that answer requests: platform threads, at most this many (acceptor and selector
     * included). Requests used to run on virtual threads, which share a carrier per core with the
     * checks and everything else the JVM runs on virtual threads; a virtual thread keeps its carrier
     * until it blocks, so 20 clients posting alert payloads (parsing is all CPU) held both carriers
     * and the check that sees a killed worker, and with it the restart, waited behind them
     * (a restart p95 of 2.8 s in a storm against 0.7 s quiet). Platform threads are time-sliced by
     * the kernel, and a few are all that two cores can keep busy: more only queue in the kernel.
     */
    static final int MAX_REQUEST_THREADS = 8;

    private final Javalin app;
    private final List<Route> routes;
    private final AuditLog audit;
    private final ScheduledExecutorService auditFlush;

    private ApiServer(Javalin app, List<Route> routes, AuditLog audit, ScheduledExecutorService auditFlush) {
        this.app = app;
        this.routes = routes;
        this.audit = audit;
        this.auditFlush = auditFlush;
    }

    public static ApiServer start(ServerConfig server, ApiContext api) {
        return start(server, api, app -> { });
    }

    /** With more routes, added by the capabilities that own them (e.g. {@link HealingContext#register}). */
    public static ApiServer start(ServerConfig server, ApiContext api, java.util.function.Consumer<Javalin> moreRoutes) {
        api.config().security().refuseOpenNetworkBind(server);
        List<Route> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.events.handlerAdded(h -> routes.add(new Route(h.getHttpMethod().name(), h.getPath())));
            ConsoleRoutes.serveStatic(config);
            config.showJavalinBanner = false;
            QueuedThreadPool requestThreads = new QueuedThreadPool(MAX_REQUEST_THREADS, 2, 60_000);
            requestThreads.setName("selfheal-http");
            config.jetty.threadPool = requestThreads;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            config.http.maxRequestSize = BodyLimitFilter.MAX_BYTES;
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(BodyLimitFilter.class, "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
        });
        AuditLog audit = new AuditLog(api.masker());
        AccessFilter access = new AccessFilter(api.config().security(), audit, Clock.systemUTC());
        // Headers first: an answer refused by the access check (401, 403) carries them too.
        ConsoleRoutes.secureHeaders(app);
        app.before(access::check);
        app.after(access::audit);
        new AuditRoutes(audit, api.config().security()).register(app);
        new HealthRoutes(api).register(app);
        new OpsRoutes(api).register(app);
        moreRoutes.accept(app);
        app.exception(AccessDenied.class, (e, ctx) -> ctx.status(e.status()).json(new Views.Error(e.error(), e.getMessage())));
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
        ScheduledExecutorService auditFlush = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "selfheal-audit-flush");
            t.setDaemon(true);
            return t;
        });
        auditFlush.scheduleWithFixedDelay(audit::flush, 5, 5, TimeUnit.SECONDS);
        return new ApiServer(app, routes, audit, auditFlush);
    }

    /** Every endpoint registered, in order: what the access tests walk so no mutating route escapes them. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The port it listens on (the real one when the config said 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        auditFlush.shutdownNow();
        audit.flushAll();
    }
}
