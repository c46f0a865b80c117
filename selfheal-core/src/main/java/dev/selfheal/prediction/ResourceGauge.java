package dev.selfheal.prediction;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads how much of a resource is used and what its limit is. Called once per prediction cycle;
 * may block briefly (a file system call, a {@code /proc} read) but never on the network.
 * Returns empty when it cannot read now (a process between restarts); a gauge that throws
 * costs only its own reading for that cycle.
 */
public interface ResourceGauge {

    Resource resource();

    Optional<Reading> read(Instant now);

    /** What kind of resource it is: it picks the problem type, and so the preventive actions. */
    default ResourceKind kind() {
        return ResourceKind.OTHER;
    }

    /**
     * One reading. Usage grows toward the limit: disk is read as bytes used of the file
     * system's total, a quota as calls used of the window's allowance.
     *
     * @param used    how much is used, in the resource's own unit
     * @param limit   the limit (positive), in the same unit
     * @param resetAt when usage drops back to zero by design (a quota window), epoch ms; empty if never
     */
    record Reading(double used, double limit, OptionalLong resetAt) {

        public Reading {
            Objects.requireNonNull(resetAt, "resetAt");
            if (!Double.isFinite(used) || !(limit > 0) || !Double.isFinite(limit)) {
                throw new IllegalArgumentException("reading: used must be finite and the limit positive, got used=%s limit=%s"
                        .formatted(used, limit));
            }
        }

        public static Reading of(double used, double limit) {
            return new Reading(used, limit, OptionalLong.empty());
        }
    }
}
