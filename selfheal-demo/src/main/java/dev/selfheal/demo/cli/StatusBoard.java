package dev.selfheal.demo.cli;

import dev.selfheal.demo.orchestrator.StepState;
import dev.selfheal.time.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the demo is doing now, drawn from one snapshot: a small table for a live terminal, one
 * line for a file or a pipe. Pure: the run takes the snapshot, this only lays it out.
 */
final class StatusBoard {

    /** One simulator as the board shows it. */
    record Service(String name, String health, String breaker, long outbox, long restarts) { }

    /** Everything the board shows, taken at one instant. */
    record Snapshot(Instant now, Duration running, long events, long inFlight, Map<StepState, Long> steps, List<Service> services,
                    List<HealingStory.Open> open, long healed, long escalated, int degradationLevel, String degradationLabel,
                    String console, String log) { }

    private StatusBoard() {
    }

    static List<String> table(Snapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add("── now, after %s: %d events (%d in flight) · steps %d done, %d parked, %d replayed, %d failed".formatted(
                HumanDuration.of(s.running()), s.events(), s.inFlight(), step(s, StepState.DONE), step(s, StepState.PARKED),
                step(s, StepState.REPLAYED), step(s, StepState.FAILED)));
        lines.add(String.format(Locale.ROOT, "   %-9s %-10s %-10s %7s %9s", "service", "health", "breaker", "outbox", "restarts"));
        for (Service svc : s.services()) {
            lines.add(String.format(Locale.ROOT, "   %-9s %-10s %-10s %7d %9d", svc.name(), svc.health(),
                    svc.breaker().toLowerCase(Locale.ROOT).replace('_', '-'), svc.outbox(), svc.restarts()));
        }
        lines.add("   healing: " + loop(s));
        lines.add("   degradation: level %d (%s)".formatted(s.degradationLevel(), s.degradationLabel()));
        lines.add("   console " + s.console() + "   full log " + s.log() + "   Ctrl-C ends the run and prints the account");
        return lines;
    }

    static String line(Snapshot s) {
        String services = s.services().stream()
                .map(v -> v.name() + "=" + v.health() + (v.breaker().equals("CLOSED") ? "" : "/" + v.breaker())
                        + (v.outbox() > 0 ? " outbox " + v.outbox() : ""))
                .collect(Collectors.joining(", "));
        return "[%5s] events %d (in flight %d), steps done %d parked %d replayed %d failed %d | %s | healing: %s | degradation %d"
                .formatted(HumanDuration.of(s.running()), s.events(), s.inFlight(), step(s, StepState.DONE), step(s, StepState.PARKED),
                        step(s, StepState.REPLAYED), step(s, StepState.FAILED), services, loop(s), s.degradationLevel());
    }

    private static String loop(Snapshot s) {
        String done = "%d healed, %d escalated".formatted(s.healed(), s.escalated());
        if (s.open().isEmpty()) {
            return "watching, no open incident (" + done + ")";
        }
        return s.open().stream()
                .map(o -> "%s %s for %s: %s".formatted(o.component(), o.problem().replace('_', ' '),
                        HumanDuration.of(Duration.between(o.openedAt(), s.now())), o.doing()))
                .collect(Collectors.joining("; ")) + " (" + done + ")";
    }

    private static long step(Snapshot s, StepState state) {
        return s.steps().getOrDefault(state, 0L);
    }
}
