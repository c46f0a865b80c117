package dev.selfheal.demo.sim;

import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import dev.selfheal.demo.sim.idempotency.StoredAnswer;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an API's routes share with the simulator around them: options, time and the
 * idempotency ledger.
 */
public final class SimulatorContext {

    /** The header every simulator reads an idempotency key from. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an answer that was replayed from the ledger instead of applied again. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final SimulatorOptions options;
    private final InstantSource clock;
    private final ApplicationLedger ledger;

    public SimulatorContext(SimulatorOptions options, InstantSource clock, ApplicationLedger ledger) {
        this.options = options;
        this.clock = clock;
        this.ledger = ledger;
    }

    public SimulatorOptions options() {
        return options;
    }

    public InstantSource clock() {
        return clock;
    }

    public ApplicationLedger ledger() {
        return ledger;
    }

    /** The request's {@code Idempotency-Key} header, when it has a non-blank one. */
    public static Optional<String> headerKey(Context ctx) {
        return Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY)).map(String::strip).filter(k -> !k.isEmpty());
    }

    /**
     * Applies a mutating request through the ledger and writes its answer as JSON: a key
     * seen before gets the stored answer, marked {@code Idempotent-Replayed: true}.
     */
    public void applyOnce(Context ctx, Optional<String> key, String operation, Supplier<StoredAnswer> action) {
        ApplicationLedger.Outcome outcome = ledger.apply(key, operation, action);
        ctx.status(outcome.answer().status()).contentType("application/json; charset=utf-8").result(outcome.answer().body());
        if (outcome.repeated()) {
            ctx.header(REPLAYED, "true");
        }
    }
}
