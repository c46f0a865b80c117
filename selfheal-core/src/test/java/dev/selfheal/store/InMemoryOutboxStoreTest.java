package dev.selfheal.store;

class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected OutboxStore newStore() {
        return new InMemoryOutboxStore();
    }
}
