package dev.selfheal.bench.heal;

import dev.selfheal.demo.sim.Api;
import java.net.URI;
import java.util.Map;

/**
 * One simulator as the bench sees it: its name (the component's, for selfheal), the API, its
 * port, and the API request both systems probe it with (a request the faults apply to; the
 * simulators' {@code /_admin/health} is never faulted, so probing it would see nothing).
 */
record SimService(String name, Api api, int port, String token) {

    static final String TOKEN = "sim-token";

    /** The probed request: a GET of the API that every fault mode reaches and that spends no quota. */
    static String probePath(Api api) {
        return switch (api) {
            case GITHUB -> "/rate_limit";
            case CODEGEN -> "/v1/users/me";
            default -> throw new IllegalArgumentException("the bench probes only GET-able APIs (github, codegen), not " + api);
        };
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI probe() {
        return URI.create("http://127.0.0.1:" + port + probePath(api));
    }

    Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + token);
    }
}
