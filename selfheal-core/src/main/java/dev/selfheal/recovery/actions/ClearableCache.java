package dev.selfheal.recovery.actions;

/** A cache {@code clear_cache} may empty. */
public interface ClearableCache {

    String name();

    /** Empties the cache; returns how many entries went, or -1 when it cannot tell. */
    long clear();
}
