package dev.selfheal.incident;

/**
 * Where detectors hand their problems: breaker openings, performance violations, anomalies and
 * external alerts call {@link #report(Problem)}. Must not block: implementations queue.
 */
@FunctionalInterface
public interface ProblemReporter {
    void report(Problem problem);
}
