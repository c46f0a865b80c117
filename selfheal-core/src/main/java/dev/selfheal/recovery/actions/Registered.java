package dev.selfheal.recovery.actions;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Things registered by component name, with a lookup that says what is registered when it misses. */
final class Registered<T> {

    private final String what;
    private final Map<String, T> byName = new ConcurrentHashMap<>();

    Registered(String what) {
        this.what = what;
    }

    void put(String name, T value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + ": name must not be blank");
        }
        byName.put(name, java.util.Objects.requireNonNull(value, what));
    }

    Optional<T> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    T require(String name) {
        T value = byName.get(name);
        if (value == null) {
            throw new NoSuchElementException("no %s registered for '%s'; registered: %s".formatted(what, name,
                    byName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()))));
        }
        return value;
    }

    Map<String, T> all() {
        return Map.copyOf(byName);
    }
}
