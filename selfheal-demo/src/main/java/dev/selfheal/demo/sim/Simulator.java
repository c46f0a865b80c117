package dev.selfheal.demo.sim;

import dev.selfheal.demo.sim.admin.AdminRoutes;
import dev.selfheal.demo.sim.admin.RequestStats;
import dev.selfheal.demo.sim.fault.FaultController;
import dev.selfheal.demo.sim.fault.HangGate;
import dev.selfheal.demo.sim.fault.ProcessExit;
import dev.selfheal.demo.sim.fault.RequestFate;
import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import dev.selfheal.demo.sim.idempotency.LedgerRecord;
import dev.selfheal.demo.sim.idempotency.StateFile;
import dev.selfheal.time.Scheduler;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running simulator: a Javalin server on loopback with an API's routes behind the
 * shared gate, and {@code /_admin} beside them.
 *
 * <p>Every API request passes, in order: the fault gate (hang, latency, injected error),
 * the credential check, the rate-limit fault, the API's own quota; then its handler; then,
 * for an error injected "after", its answer is replaced. This is the order a client meets
 * them in reality: a broken network or server fails before auth, and quota is counted only
 * for authenticated calls.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    private static final String FATE = "simulator.fate";
    /** Long enough that a hung request stays hung until the client gives up. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final Api api;
    private final Javalin app;
    private final FaultController faults;
    private final ApplicationLedger ledger;

    private Simulator(Api api, Javalin app, FaultController faults, ApplicationLedger ledger) {
        this.api = api;
        this.app = app;
        this.faults = faults;
        this.ledger = ledger;
    }

    /** Starts {@code api} on loopback; the state file, when given, is loaded before the first request. */
    public static Simulator start(Api api, SimulatorOptions options, Scheduler scheduler, ProcessExit exit) {
        List<LedgerRecord> history = options.stateFile().map(StateFile::load).orElse(List.of());
        Optional<StateFile> file = options.stateFile().map(StateFile::open);
        ApplicationLedger ledger = new ApplicationLedger(scheduler.clock(), options.idempotency(), file, history);
        FaultController faults = new FaultController(options.seed(), scheduler, exit);
        SimulatorApi routes = api.create(new SimulatorContext(options, scheduler.clock(), ledger));
        RequestStats stats = new RequestStats();

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.defaultContentType = "application/json";
        });
        app.before(ctx -> {
            if (!isAdmin(ctx) && !routes.isPublic(ctx.path())) {
                gate(ctx, routes, faults);
            }
        });
        routes.register(app);
        new AdminRoutes(api.cliName(), faults, ledger, stats, scheduler.clock()).register(app);
        app.after(ctx -> {
            if (isAdmin(ctx)) {
                return;
            }
            RequestFate fate = ctx.attribute(FATE);
            if (fate != null && fate.error().isPresent() && fate.error().get().phase() == dev.selfheal.demo.sim.fault.Fault.Phase.AFTER
                    && ctx.status().getCode() < 500) {
                log.info("event=answer_replaced_by_error path={} status={}", ctx.path(), fate.error().get().status());
                ctx.result("");
                routes.answerServerError(ctx, fate.error().get().status());
            }
            stats.count(ctx.status().getCode());
        });
        app.exception(Answered.class, (e, ctx) -> { });
        app.exception(BadRequest.class, (e, ctx) -> {
            if (isAdmin(ctx)) {
                ctx.status(400).json(SimJson.object().put("error", "bad_request").put("detail", e.getMessage()));
            } else {
                routes.answerBadRequest(ctx, e);
            }
        });
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                .json(SimJson.object().put("error", "http_" + e.getStatus()).put("detail", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("event=simulator_request_failed api={} method={} path={} error=\"{}\"", api.cliName(), ctx.method(), ctx.path(), e.toString(), e);
            ctx.status(500).json(SimJson.object().put("error", "internal_error").put("detail", e.toString()));
        });
        app.error(404, ctx -> {
            if (isAdmin(ctx)) {
                ctx.json(SimJson.object().put("error", "not_found").put("detail", "no admin endpoint " + ctx.method() + " " + ctx.path()));
            } else if (ctx.result() == null || ctx.result().isEmpty()) {
                routes.answerNotFound(ctx);
            }
        });
        app.start("127.0.0.1", options.port());
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector abstractConnector) {
                abstractConnector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
        log.info("event=simulator_started api={} port={} seed={} state_file={} idempotency={} applied_keys={}", api.cliName(), app.port(),
                options.seed(), options.stateFile().map(Object::toString).orElse("none"), options.idempotency().name().toLowerCase(),
                ledger.applications().size());
        return new Simulator(api, app, faults, ledger);
    }

    public int port() {
        return app.port();
    }

    public Api api() {
        return api;
    }

    public FaultController faults() {
        return faults;
    }

    public ApplicationLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        faults.clearAll();
        app.stop();
        ledger.close();
    }

    private static boolean isAdmin(Context ctx) {
        return ctx.path().startsWith(AdminRoutes.PREFIX + "/") || ctx.path().equals(AdminRoutes.PREFIX);
    }

    private static void gate(Context ctx, SimulatorApi routes, FaultController faults) throws InterruptedException {
        RequestFate fate = faults.nextRequest();
        ctx.attribute(FATE, fate);
        if (fate.hang().isPresent()) {
            HangGate.Generation hang = fate.hang().get();
            log.info("event=request_hung method={} path={}", ctx.method(), ctx.path());
            while (!hang.await(Duration.ofHours(1))) {
                // Still hung: a hang without a duration lasts until it is cleared.
            }
            // Released: the request was never applied; answer as a server that came back would.
            routes.answerServerError(ctx, 503);
            throw Answered.INSTANCE;
        }
        if (!fate.delay().isZero()) {
            Thread.sleep(fate.delay());
        }
        if (fate.error().isPresent() && fate.error().get().phase() == dev.selfheal.demo.sim.fault.Fault.Phase.BEFORE) {
            routes.answerServerError(ctx, fate.error().get().status());
            throw Answered.INSTANCE;
        }
        if (!routes.isAuthorized(ctx)) {
            routes.answerUnauthorized(ctx);
            throw Answered.INSTANCE;
        }
        if (fate.rateLimitedUntil().isPresent()) {
            routes.answerRateLimited(ctx, fate.rateLimitedUntil().get());
            throw Answered.INSTANCE;
        }
        if (!routes.admit(ctx)) {
            throw Answered.INSTANCE;
        }
    }
}
