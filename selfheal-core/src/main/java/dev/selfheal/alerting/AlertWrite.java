package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.Silence;

/** One write to an {@link AlertStore}, so that writes can be queued and applied in batches. */
public sealed interface AlertWrite {

    /** What the write is about, for a log line: never a label value or a summary. */
    String describe();

    /** {@link AlertStore#save(Alert)}. */
    record SaveAlert(Alert alert) implements AlertWrite {
        public String describe() {
            return "alert " + alert.id() + " (" + alert.status().label() + ")";
        }
    }

    /** {@link AlertStore#record(Decision)}. */
    record RecordDecision(Decision decision) implements AlertWrite {
        public String describe() {
            return "decision " + decision.outcome() + " of alert " + decision.alertId();
        }
    }

    /** {@link AlertStore#save(Silence)}. */
    record SaveSilence(Silence silence) implements AlertWrite {
        public String describe() {
            return "silence " + silence.id();
        }
    }

    /** Applies this write to {@code store}, one call. */
    default void applyTo(AlertStore store) {
        switch (this) {
            case SaveAlert s -> store.save(s.alert());
            case RecordDecision r -> store.record(r.decision());
            case SaveSilence s -> store.save(s.silence());
        }
    }
}
