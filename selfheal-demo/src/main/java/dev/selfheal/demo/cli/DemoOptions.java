package dev.selfheal.demo.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code selfheal demo} was asked for.
 *
 * @param port        the daemon's API port (0: any free port)
 * @param webhookPort the orchestrator's webhook port (0: any free port)
 * @param dataDir     where the SQLite files, simulator ledgers and logs go
 * @param duration    how long to generate events; empty: until Ctrl-C
 * @param rate        events per second
 * @param chaos       run the built-in fault schedule
 * @param seed        seed of the generator, the simulators and the chaos schedule
 * @param drainTimeout after the run, how long to wait for parked steps to be replayed
 * @param approval    restarts wait for a person's approval (in the console or by the API) instead of running at once
 */
public record DemoOptions(int port, int webhookPort, Path dataDir, Optional<Duration> duration, double rate, boolean chaos, long seed,
                          Duration drainTimeout, boolean approval) {

    /** Restarts run without approval, as the demo always did. */
    public DemoOptions(int port, int webhookPort, Path dataDir, Optional<Duration> duration, double rate, boolean chaos, long seed,
                       Duration drainTimeout) {
        this(port, webhookPort, dataDir, duration, rate, chaos, seed, drainTimeout, false);
    }
}
