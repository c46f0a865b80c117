package dev.selfheal.bench.heal;

/**
 * The faults the healing bench injects, through the simulators' own admin endpoint
 * ({@code POST /_admin/faults}, docs/simulators.md): each is real, none is simulated by the bench.
 */
public enum FaultKind {
    /** The simulator JVM halts ~100 ms after answering (exit code 1): the process is gone. */
    CRASH("crash", "{\"mode\":\"crash\",\"exit_code\":1}"),
    /** Every API request is accepted and never answered (the admin endpoint still answers). */
    HANG("hang", "{\"mode\":\"hang\"}"),
    /** Every API request is answered 500/502/503: an error storm with the process alive and listening. */
    ERROR_STORM("error-storm", "{\"mode\":\"error-rate\",\"rate\":1.0}");

    private final String label;
    private final String json;

    FaultKind(String label, String json) {
        this.label = label;
        this.json = json;
    }

    /** The name in the table and in the RESULT keys ({@code error_storm_...}). */
    public String label() {
        return label;
    }

    public String key() {
        return label.replace('-', '_');
    }

    /** The body of {@code POST /_admin/faults}. */
    public String json() {
        return json;
    }
}
