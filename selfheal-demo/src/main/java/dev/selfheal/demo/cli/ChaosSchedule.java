package dev.selfheal.demo.cli;

import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The built-in fault schedule of {@code --chaos}: every fault mode the simulators know (error
 * rate, latency, hang, crash, rate-limit exhaustion, memory growth), each on a simulator drawn
 * with the seed, at fixed fractions of the run so a 20 s run and a 60 s run see the same story.
 *
 * <p>Faults with a duration end by themselves (the simulator ends them). Crash, hang and the
 * memory leak are not ended by the schedule: selfheal's own healing loop sees the simulator's
 * health check fail, or forecasts its heap running out, and runs {@code restart_service}. Everything is over by 80 % of the run, so the rest shows recovery.
 */
public final class ChaosSchedule implements AutoCloseable {

    /** One planned fault. */
    public record Planned(double atFraction, String simulator, String faultJson, String summary) { }

    private final List<Planned> plan;
    private final List<SimulatorAdmin> admins;
    private final Duration runLength;
    private final Consumer<String> out;
    private Thread thread;

    ChaosSchedule(List<SimulatorAdmin> admins, Duration runLength, long seed, Consumer<String> out) {
        this.admins = admins;
        this.runLength = runLength;
        this.out = out;
        this.plan = plan(admins.stream().map(SimulatorAdmin::api).toList(), runLength, seed);
    }

    public List<Planned> plan() {
        return plan;
    }

    public static List<Planned> plan(List<String> simulators, Duration runLength, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> order = new ArrayList<>(simulators);
        for (int i = order.size() - 1; i > 0; i--) {
            java.util.Collections.swap(order, i, random.nextInt(i + 1));
        }
        long shortFault = Math.max(2_000, runLength.toMillis() / 8);
        List<Planned> p = new ArrayList<>();
        p.add(new Planned(0.10, order.get(0), "{\"mode\":\"error-rate\",\"rate\":0.3,\"phase\":\"after\",\"duration_ms\":%d}".formatted(shortFault),
                "error rate 30 % (applied, answer lost) for " + shortFault + " ms"));
        p.add(new Planned(0.18, order.get(1), "{\"mode\":\"latency\",\"min_ms\":200,\"max_ms\":900,\"duration_ms\":%d}".formatted(shortFault),
                "latency 200-900 ms for " + shortFault + " ms"));
        p.add(new Planned(0.28, order.get(2), "{\"mode\":\"crash\",\"exit_code\":3}", "crash (exit 3): selfheal restarts it"));
        p.add(new Planned(0.40, order.get(3), "{\"mode\":\"rate-limit\",\"duration_ms\":%d}".formatted(shortFault),
                "rate-limit exhaustion for " + shortFault + " ms"));
        p.add(new Planned(0.50, order.get(0), "{\"mode\":\"hang\"}", "hang (no end): selfheal's health check times out and restarts it"));
        p.add(new Planned(0.58, order.get(1), "{\"mode\":\"memory-growth\",\"mib_per_second\":4,\"max_mib\":1024}",
                "memory leak 4 MiB/s past its 256 MiB heap: selfheal forecasts it and restarts the simulator before it runs out"));
        p.add(new Planned(0.66, order.get(3), "{\"mode\":\"crash\",\"exit_code\":1}", "crash (exit 1): selfheal restarts it"));
        return List.copyOf(p);
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("demo-chaos").start(this::run);
    }

    private void run() {
        long start = System.nanoTime();
        for (Planned p : plan) {
            long at = start + (long) (runLength.toNanos() * p.atFraction());
            long wait = at - System.nanoTime();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                SimulatorAdmin admin = admins.stream().filter(a -> a.api().equals(p.simulator())).findFirst().orElseThrow();
                admin.inject(p.faultJson());
                out.accept("chaos: %s %s".formatted(p.simulator(), p.summary()));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                out.accept("chaos: could not inject %s into %s: %s".formatted(p.summary(), p.simulator(), e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
