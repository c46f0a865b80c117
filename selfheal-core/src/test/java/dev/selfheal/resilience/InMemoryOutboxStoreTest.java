package dev.selfheal.resilience;

class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected OutboxStore newStore() {
        return new InMemoryOutboxStore();
    }
}
