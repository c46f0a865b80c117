package dev.selfheal.recovery;

class InMemoryRecoveryJournalTest extends RecoveryJournalContract {
    @Override
    protected RecoveryJournal newJournal() {
        return new InMemoryRecoveryJournal();
    }
}
