package dev.selfheal.demo.sim;

import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How one simulator runs.
 *
 * @param port        0 for any free port
 * @param seed        the seed every fault draw and generated value derives from
 * @param token       the only credential it accepts
 * @param stateFile   where the idempotency ledger is kept across restarts; empty: memory only
 * @param idempotency whether a repeated key is answered from the record or applied again (and counted)
 * @param quotaPerHour the request quota per hour for APIs that have one (GitHub, Linear); 0: the real API's default
 */
public record SimulatorOptions(int port, long seed, String token, Optional<Path> stateFile, ApplicationLedger.Mode idempotency,
                               long quotaPerHour) {

    public static final String DEFAULT_TOKEN = "sim-token";

    public SimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 (any free port) or 1-65535, got " + port);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--token must not be empty");
        }
        if (quotaPerHour < 0) {
            throw new IllegalArgumentException("--quota must be 0 (the API's default) or positive, got " + quotaPerHour);
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, 1L, DEFAULT_TOKEN, Optional.empty(), ApplicationLedger.Mode.ENFORCE, 0);
    }

    public SimulatorOptions withStateFile(Path file) {
        return new SimulatorOptions(port, seed, token, Optional.of(file), idempotency, quotaPerHour);
    }

    /** The quota to use: the one given, or {@code apiDefault}. */
    public long quotaOr(long apiDefault) {
        return quotaPerHour > 0 ? quotaPerHour : apiDefault;
    }
}
