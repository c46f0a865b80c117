package dev.selfheal.store;

import org.junit.jupiter.api.Nested;

class InMemoryStoresTest {

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore() {
            return new InMemoryIncidentStore();
        }
    }

    @Nested
    class Journal extends RecoveryJournalContract {
        @Override
        protected RecoveryJournal newJournal() {
            return new InMemoryRecoveryJournal();
        }
    }

    @Nested
    class Effectiveness extends EffectivenessStoreContract {
        @Override
        protected EffectivenessStore newStore() {
            return new InMemoryEffectivenessStore();
        }
    }
}
