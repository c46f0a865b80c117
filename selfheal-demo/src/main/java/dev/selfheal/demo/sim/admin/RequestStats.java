package dev.selfheal.demo.sim.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of API requests by answered status (admin requests are not counted). */
public final class RequestStats {

    private final AtomicLong total = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

    public void count(int status) {
        total.incrementAndGet();
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    public long total() {
        return total.get();
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        byStatus.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }
}
