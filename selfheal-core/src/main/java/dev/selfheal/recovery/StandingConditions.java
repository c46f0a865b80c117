package dev.selfheal.recovery;

import java.util.Optional;

/**
 * What still stands against a component outside its health checks: a performance limit it is
 * over, say. Verification waits for these to clear too, so an incident opened by "CPU 100 %
 * over a limit of 80 %" is not called resolved because the component's health check, which
 * never looked at CPU, passes.
 */
public interface StandingConditions {

    /** Nothing ever stands: verification is by health checks alone. */
    StandingConditions NONE = new StandingConditions() {
        @Override
        public Optional<String> standing(String component) {
            return Optional.empty();
        }

        @Override
        public boolean measures(String component) {
            return false;
        }
    };

    /** What stands against {@code component} now, in words for the timeline; empty when nothing does. */
    Optional<String> standing(String component);

    /** Whether {@code component} is watched at all, so that clearing can prove a recovery without a health check. */
    boolean measures(String component);
}
