/**
 * The loop on top: {@link dev.selfheal.orchestrator.SelfHealingOrchestrator} wires detection,
 * incidents, recovery and degradation together and runs the periodic cycle;
 * {@link dev.selfheal.orchestrator.StatusProblemDetector} turns component status changes into
 * problems, mapped to problem types by {@link dev.selfheal.orchestrator.ProblemMapping}.
 *
 * <p>Layer: orchestrator, the top. May use every package of core; nothing in core uses it.
 */
package dev.selfheal.orchestrator;
