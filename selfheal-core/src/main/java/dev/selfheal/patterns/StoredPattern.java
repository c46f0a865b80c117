package dev.selfheal.patterns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One pattern as the pattern database keeps it: what kind, which components (the key), a line
 * a person can read, and when it was first and last found.
 *
 * @param kind        temporal, edge (learned cause → effect) or correlation
 * @param subject     the key within its kind: {@code backup daily 02-03}, {@code db -> api}, {@code a ~ b}
 * @param description the line shown to people
 * @param confidence  1 − q after the false-discovery control
 * @param firstFound  when a report first contained it
 * @param lastFound   when a report last contained it
 */
public record StoredPattern(Kind kind, String subject, String description, double confidence, Instant firstFound, Instant lastFound) {

    public enum Kind {
        TEMPORAL, EDGE, CORRELATION;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StoredPattern {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(firstFound, "firstFound");
        Objects.requireNonNull(lastFound, "lastFound");
    }

    /** The patterns of a report as rows, found at {@code report.at()}: active temporal patterns, learned edges, correlations. */
    public static List<StoredPattern> of(PatternReport report) {
        Instant at = report.at();
        List<StoredPattern> out = new ArrayList<>();
        for (TemporalPattern p : report.temporal()) {
            if (p.active()) {
                out.add(new StoredPattern(Kind.TEMPORAL, temporalKey(p), p.describe(), p.confidence(), at, at));
            }
        }
        for (CausalEdge e : report.suggestions()) {
            out.add(new StoredPattern(Kind.EDGE, e.from() + " -> " + e.to(),
                    "%s fails within the lag after %s: %d of %d times, %.1f× chance".formatted(e.to(), e.from(), e.hits(), e.trials(), e.lift()),
                    1 - e.qValue(), at, at));
        }
        for (Correlation c : report.correlations()) {
            out.add(new StoredPattern(Kind.CORRELATION, c.a() + " ~ " + c.b(),
                    "%s and %s fail together: %d times, support %.3f, lift %.1f%s".formatted(c.a(), c.b(), c.together(), c.support(),
                            c.lift(), c.sharedUpstream().isEmpty() ? "" : ", both follow " + c.sharedUpstream()),
                    1 - c.qValue(), at, at));
        }
        return out;
    }

    /** The key of a temporal pattern: component, recurrence, day when weekly, hours. */
    public static String temporalKey(TemporalPattern p) {
        return "%s %s%s %02d-%02d".formatted(p.component(), p.recurrence().name().toLowerCase(Locale.ROOT),
                p.dayOfWeek().map(d -> " " + d.name().toLowerCase(Locale.ROOT)).orElse(""), p.fromHour(), p.toHour());
    }
}
