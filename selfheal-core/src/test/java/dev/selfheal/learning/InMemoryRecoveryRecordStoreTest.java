package dev.selfheal.learning;

class InMemoryRecoveryRecordStoreTest extends RecoveryRecordStoreContract {
    @Override
    protected RecoveryRecordStore newStore() {
        return new InMemoryRecoveryRecordStore();
    }
}
