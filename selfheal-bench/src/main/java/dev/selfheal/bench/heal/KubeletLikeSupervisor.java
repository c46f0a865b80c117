package dev.selfheal.bench.heal;

import dev.selfheal.demo.sim.SimulatorProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The baseline: what a Kubernetes node does for a container with a liveness probe and
 * {@code restartPolicy: Always}, written small and run against the same simulator processes.
 *
 * <ul>
 *   <li><b>Liveness probe</b> ({@code httpGet}): a GET every {@code period} (10 s), the first
 *       as soon as the container runs; each with {@code timeout} (1 s); 200-399 passes. After
 *       {@code failureThreshold} (3) failures in a row the container is killed (SIGTERM, then
 *       SIGKILL after a grace) and restarted.</li>
 *   <li><b>Exited container</b>: the kubelet's PLEG relists containers every second; an exited
 *       one is restarted.</li>
 *   <li><b>Back-off</b>: every restart goes through {@link KubeletBackoff} (first restart at once,
 *       then 10 s doubling to 300 s since the container finished; forgotten after 10 min).</li>
 * </ul>
 *
 * Detection is the moment the supervisor decides the container is failed (the exit seen by a
 * relist, or the third failed probe ended).
 */
final class KubeletLikeSupervisor implements AutoCloseable {

    /** The probe and back-off figures; {@link #KUBERNETES} are the ones of the issue (and the kubelet's defaults for back-off). */
    record Settings(Duration period, Duration timeout, int failureThreshold, Duration relist,
                    Duration initialBackoff, Duration maxBackoff) {
        static final Settings KUBERNETES = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(1), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(300));
    }

    /** Something the supervisor did to a container, and when. */
    record Event(Instant at, Kind kind, String detail) {
        enum Kind { DETECTED, RESTARTING, RESTARTED, RESTART_FAILED }
    }

    /** One supervised simulator with its probe. */
    final class Container {
        final String name;
        final SimulatorProcess process;
        final URI probe;
        final Map<String, String> headers;
        final List<Event> events = new CopyOnWriteArrayList<>();
        private final Thread loop;

        Container(String name, SimulatorProcess process, URI probe, Map<String, String> headers) {
            this.name = name;
            this.process = process;
            this.probe = probe;
            this.headers = Map.copyOf(headers);
            this.loop = Thread.ofVirtual().name("kubelet-" + name).unstarted(this::run);
        }

        private void run() {
            Instant nextProbe = clock.instant();
            Instant nextRelist = clock.instant().plus(settings.relist);
            int failures = 0;
            while (!closed) {
                Instant next = nextProbe.isBefore(nextRelist) ? nextProbe : nextRelist;
                if (!sleepUntil(next)) {
                    return;
                }
                Instant now = clock.instant();
                if (!now.isBefore(nextRelist)) {
                    nextRelist = now.plus(settings.relist);
                    if (!process.isAlive()) {
                        record(Event.Kind.DETECTED, "container exited (code %s), seen by a relist"
                                .formatted(process.exitCode().map(String::valueOf).orElse("?")));
                        restart(now);
                        nextProbe = clock.instant();
                        nextRelist = clock.instant().plus(settings.relist);
                        failures = 0;
                        continue;
                    }
                }
                if (!now.isBefore(nextProbe)) {
                    nextProbe = nextProbe.plus(settings.period);
                    if (nextProbe.isBefore(now)) {
                        nextProbe = now.plus(settings.period);
                    }
                    if (!process.isAlive()) {
                        continue; // the next relist sees it
                    }
                    if (probeOnce()) {
                        failures = 0;
                    } else if (++failures >= settings.failureThreshold) {
                        record(Event.Kind.DETECTED, "liveness probe failed %d times in a row".formatted(failures));
                        process.stop(); // SIGTERM, SIGKILL after 10 s
                        restart(clock.instant());
                        nextProbe = clock.instant();
                        nextRelist = clock.instant().plus(settings.relist);
                        failures = 0;
                    }
                }
            }
        }

        private boolean probeOnce() {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(probe).timeout(settings.timeout).GET();
                headers.forEach(request::header);
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return status >= 200 && status < 400;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        private void restart(Instant finishedAt) {
            Duration wait = backoff.remaining(name, finishedAt);
            if (!wait.isZero() && !sleepUntil(clock.instant().plus(wait))) {
                return;
            }
            backoff.next(name, finishedAt);
            record(Event.Kind.RESTARTING, "starting a new container after a back-off of %d ms".formatted(wait.toMillis()));
            try {
                process.restart();
                record(Event.Kind.RESTARTED, "restarted after a back-off of %d ms; next back-off %s"
                        .formatted(wait.toMillis(), backoff.current(name)));
            } catch (RuntimeException e) {
                record(Event.Kind.RESTART_FAILED, e.getMessage());
            }
        }

        private void record(Event.Kind kind, String detail) {
            events.add(new Event(clock.instant(), kind, detail));
        }
    }

    private final Settings settings;
    private final InstantSource clock;
    private final KubeletBackoff backoff;
    private final HttpClient http;
    private final List<Container> containers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    KubeletLikeSupervisor(Settings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.backoff = new KubeletBackoff(settings.initialBackoff, settings.maxBackoff, clock);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout).build();
    }

    /** Starts supervising a running simulator. */
    Container supervise(String name, SimulatorProcess process, URI probe, Map<String, String> headers) {
        Container container = new Container(name, process, probe, headers);
        containers.add(container);
        container.loop.start();
        return container;
    }

    /** Forgets every back-off, as 10 minutes of stable running would (the bench's faults are isolated ones). */
    void resetBackoff() {
        backoff.reset();
    }

    Settings settings() {
        return settings;
    }

    private boolean sleepUntil(Instant when) {
        while (!closed) {
            long ms = Duration.between(clock.instant(), when).toMillis();
            if (ms <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(ms, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Stops the loops and the simulators. */
    @Override
    public void close() {
        closed = true;
        for (Container c : containers) {
            c.loop.interrupt();
        }
        for (Container c : containers) {
            try {
                c.loop.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.process.close();
        }
        http.close();
    }
}
