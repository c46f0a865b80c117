package dev.selfheal.escalation;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Levels run one after another while an alert stays unacknowledged and unresolved, measured
 * from when it was first sent. After the last level the policy starts over, {@code repeats}
 * more times, each round {@code roundLength} after the previous one began.
 */
public record EscalationPolicy(String name, List<EscalationLevel> levels, int repeats, Duration roundLength) {

    public EscalationPolicy {
        Objects.requireNonNull(name, "name");
        levels = levels.stream().sorted(Comparator.comparing(EscalationLevel::after)).toList();
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("escalation policy %s: needs at least one level".formatted(name));
        }
        if (repeats < 0 || repeats > 100) {
            throw new IllegalArgumentException("escalation policy %s: repeats must be 0-100, got %d".formatted(name, repeats));
        }
        Duration last = levels.get(levels.size() - 1).after();
        if (roundLength == null || roundLength.compareTo(last) <= 0) {
            roundLength = last.plus(levels.get(0).after().isZero() ? Duration.ofMinutes(5) : levels.get(0).after());
        }
    }

    public static EscalationPolicy of(String name, int repeats, EscalationLevel... levels) {
        return new EscalationPolicy(name, List.of(levels), repeats, null);
    }
}
