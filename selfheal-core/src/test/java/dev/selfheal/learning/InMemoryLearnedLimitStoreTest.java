package dev.selfheal.learning;

class InMemoryLearnedLimitStoreTest extends LearnedLimitStoreContract {

    @Override
    protected LearnedLimitStore newStore() {
        return new InMemoryLearnedLimitStore();
    }
}
