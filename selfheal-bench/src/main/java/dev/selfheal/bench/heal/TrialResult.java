package dev.selfheal.bench.heal;

import java.util.OptionalLong;

/**
 * What one fault on one system gave, in milliseconds from the moment the fault was injected.
 *
 * @param system    {@code selfheal} or {@code baseline}
 * @param detection until the system decided something was wrong (selfheal: incident opened; baseline: exit seen or third failed probe)
 * @param mttr      until the system's recovery (selfheal: incident RESOLVED after a verified step; baseline: the API answers correctly again)
 * @param back      until the API answered correctly again, seen by the bench's own observer (both systems)
 * @param recovered whether it recovered within the trial's time
 * @param note      what happened, for the log
 */
record TrialResult(String system, FaultKind kind, String service, OptionalLong detection, OptionalLong mttr,
                   OptionalLong back, boolean recovered, String note) {
}
