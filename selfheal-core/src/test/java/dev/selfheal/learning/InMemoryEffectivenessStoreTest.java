package dev.selfheal.learning;

class InMemoryEffectivenessStoreTest extends EffectivenessStoreContract {
    @Override
    protected EffectivenessStore newStore() {
        return new InMemoryEffectivenessStore();
    }
}
