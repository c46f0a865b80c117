package dev.selfheal.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an incident's story. Entries are numbered from 0 in the order they happened;
 * stores append them by number, so writing an incident twice never duplicates a line.
 *
 * @param seq     position in the timeline
 * @param at      when
 * @param kind    what sort of entry
 * @param message one human-readable line (a decision carries its reason here)
 * @param data    small structured facts: action, outcome, duration_ms, state, …
 */
public record TimelineEntry(int seq, Instant at, Kind kind, String message, Map<String, String> data) {

    public enum Kind { SIGNAL, STATE, PLAN, STEP_STARTED, STEP_ENDED, VERIFICATION, DECISION, APPROVAL }

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
