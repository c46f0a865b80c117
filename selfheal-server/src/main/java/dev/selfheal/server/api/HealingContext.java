package dev.selfheal.server.api;

import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.server.config.SecretMasker;
import io.javalin.Javalin;
import dev.selfheal.learning.AdaptiveLimits;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the healing endpoints read and act on: incidents, the engine (approvals, the catalog,
 * learning), the journal (each step's outcome and duration), degradation and the inputs of its
 * last score, and the performance limits learned so far. Every text from outside (an action's output, a check's message) is masked.
 */
public record HealingContext(IncidentManager incidents, RecoveryEngine engine, RecoveryJournal journal,
                             DegradationManager degradation, Supplier<DegradationInputs> lastInputs, SecretMasker masker,
                             Supplier<List<AdaptiveLimits.Shown>> learnedLimits) {

    /** Without adaptive limits. */
    public HealingContext(IncidentManager incidents, RecoveryEngine engine, RecoveryJournal journal, DegradationManager degradation,
                          Supplier<DegradationInputs> lastInputs, SecretMasker masker) {
        this(incidents, engine, journal, degradation, lastInputs, masker, List::of);
    }

    /** Adds {@code /api/incidents}, {@code /api/degradation} and {@code /api/recovery/actions} to the app. */
    public void register(Javalin app) {
        new IncidentRoutes(this).register(app);
        new DegradationRoutes(this).register(app);
        new RecoveryRoutes(this).register(app);
        new LearningRoutes(this).register(app);
    }
}
