package dev.selfheal.demo.sim.fault;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The fault modes, under the names the admin endpoint and the CLI use. */
public enum FaultMode {
    ERROR_RATE("error-rate"),
    LATENCY("latency"),
    HANG("hang"),
    CRASH("crash"),
    RATE_LIMIT("rate-limit"),
    MEMORY_GROWTH("memory-growth");

    private final String wireName;

    FaultMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FaultMode> byWireName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(FaultMode::wireName).collect(Collectors.joining(", "));
    }
}
