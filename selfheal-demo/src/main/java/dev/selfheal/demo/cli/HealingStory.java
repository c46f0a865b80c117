package dev.selfheal.demo.cli;

import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.events.DegradationLevelChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.status.BreakerState;
import dev.selfheal.time.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Tells the demo's terminal what the healing loop did, one line per incident once it ends
 * ("github down (refused connections) → restart_service 210 ms → verified 2.3 s later ·
 * recovered in 3.1 s"), and keeps what is going on now for the live view. The full detail stays
 * in the log file; this is what a person watching the terminal reads.
 *
 * <p>Events carry their own instants, so the story needs no clock: a test feeds events.
 */
final class HealingStory {

    /** An incident still open: what it is about and the last thing the loop did for it. */
    record Open(String incidentId, String component, String problem, Instant openedAt, String doing) { }

    private final BiConsumer<Instant, String> out;
    private final String demoRegistry;
    private final Map<String, Progress> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> restartsByComponent = new ConcurrentHashMap<>();
    private final AtomicLong resolved = new AtomicLong();
    private final AtomicLong escalated = new AtomicLong();

    /**
     * @param out          where a finished line goes, with the instant it is about
     * @param demoRegistry the id of the demo's own guard registry: its breakers are told, the
     *                     daemon's notification guards are not (they are on the console)
     */
    HealingStory(BiConsumer<Instant, String> out, String demoRegistry) {
        this.out = out;
        this.demoRegistry = demoRegistry;
    }

    List<EventBus.Subscription> subscribe(EventBus bus) {
        return List.of(
                bus.subscribe(IncidentOpened.class, e -> opened(e.incidentId(), e.component(), e.problem().type().name(),
                        e.problem().evidence(), e.at())),
                bus.subscribe(RecoveryStepEnded.class, this::stepEnded),
                bus.subscribe(IncidentStateChanged.class, this::stateChanged),
                bus.subscribe(BreakerStateChanged.class, this::breaker),
                bus.subscribe(DegradationLevelChanged.class, this::degradation));
    }

    void opened(String incidentId, String component, String problem, String evidence, Instant at) {
        Progress p = new Progress(component, problem, cause(evidence), at);
        open.put(incidentId, p);
    }

    void stepEnded(RecoveryStepEnded e) {
        if (e.outcome().equals("SUCCEEDED") && e.action().equals("restart_service")) {
            restartsByComponent.computeIfAbsent(e.component(), c -> new AtomicLong()).incrementAndGet();
        }
        Progress p = open.get(e.incidentId());
        if (p == null) {
            return;
        }
        synchronized (p) {
            String took = HumanDuration.of(e.duration());
            p.steps.add(e.outcome().equals("SUCCEEDED") ? e.action() + " " + took
                    : e.action() + " " + e.outcome().toLowerCase(Locale.ROOT).replace('_', ' ') + " after " + took);
            p.lastStepEnded = e.at();
            p.doing = e.outcome().equals("SUCCEEDED") ? "verifying after " + e.action() : e.action() + " " + e.outcome();
        }
    }

    void stateChanged(IncidentStateChanged e) {
        Progress p = open.get(e.incidentId());
        if (p == null) {
            return;
        }
        if (e.to() == IncidentState.MITIGATING) {
            synchronized (p) {
                p.doing = "acting";
            }
            return;
        }
        if (e.to() == IncidentState.ESCALATED) {
            escalated.incrementAndGet();
            synchronized (p) {
                p.doing = "escalated, waiting for a person";
            }
            out.accept(e.at(), p.line() + " → escalated: " + e.reason());
            return;
        }
        if (e.to() == IncidentState.RESOLVED) {
            open.remove(e.incidentId());
            resolved.incrementAndGet();
            StringBuilder line = new StringBuilder(p.line());
            synchronized (p) {
                if (p.lastStepEnded != null) {
                    line.append(" → verified ").append(HumanDuration.of(Duration.between(p.lastStepEnded, e.at()))).append(" later");
                } else {
                    line.append(" → recovered by itself");
                }
            }
            line.append(" · recovered in ").append(HumanDuration.of(Duration.between(p.openedAt, e.at())));
            out.accept(p.openedAt, line.toString());
        }
    }

    private void breaker(BreakerStateChanged e) {
        if (!e.registry().equals(demoRegistry)) {
            return;
        }
        if (e.to() == BreakerState.OPEN && e.from() != BreakerState.HALF_OPEN) {
            out.accept(e.at(), e.integration() + " breaker open: its calls wait in the outbox");
        } else if (e.to() == BreakerState.CLOSED) {
            out.accept(e.at(), e.integration() + " breaker closed: replaying its outbox");
        }
    }

    private void degradation(DegradationLevelChanged e) {
        out.accept(e.at(), "degradation level %d → %d (score %.2f): %s".formatted(e.from(), e.to(), e.score(), e.reason()));
    }

    /** Open incidents, oldest first. */
    List<Open> open() {
        List<Open> list = new ArrayList<>();
        open.forEach((id, p) -> {
            synchronized (p) {
                list.add(new Open(id, p.component, p.problem, p.openedAt, p.doing));
            }
        });
        list.sort(java.util.Comparator.comparing(Open::openedAt));
        return list;
    }

    long restarts(String component) {
        AtomicLong n = restartsByComponent.get(component);
        return n == null ? 0 : n.get();
    }

    long resolved() {
        return resolved.get();
    }

    long escalated() {
        return escalated.get();
    }

    /**
     * The cause in a few words, from a detector's evidence line: the engine writes the whole run
     * of results ("3 consecutive failures ...: x: not probed ...; last answer: x: unreachable:
     * java.net.ConnectException"), the terminal wants "refused connections".
     */
    static String cause(String evidence) {
        String e = evidence == null ? "" : evidence;
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.contains("connectexception") || lower.contains("connection refused")) {
            return "refused connections";
        }
        if (lower.contains("timed out") || lower.contains("timeout") || lower.contains("(hung)")) {
            return "stopped answering";
        }
        if (lower.contains("credentials rejected")) {
            return "credentials rejected";
        }
        if (lower.contains("rate limit")) {
            return "rate limited";
        }
        int last = e.lastIndexOf(": ");
        String tail = last >= 0 ? e.substring(last + 2) : e;
        return tail.length() > 60 ? tail.substring(0, 57) + "..." : tail;
    }

    private static final class Progress {
        final String component;
        final String problem;
        final String cause;
        final Instant openedAt;
        final List<String> steps = new ArrayList<>();
        Instant lastStepEnded;
        String doing = "planning";

        Progress(String component, String problem, String cause, Instant openedAt) {
            this.component = component;
            this.problem = problem;
            this.cause = cause;
            this.openedAt = openedAt;
        }

        synchronized String line() {
            StringBuilder b = new StringBuilder(component).append(' ').append(problem.replace('_', ' '));
            if (!cause.isBlank()) {
                b.append(" (").append(cause).append(')');
            }
            for (String step : steps) {
                b.append(" → ").append(step);
            }
            return b.toString();
        }
    }
}
