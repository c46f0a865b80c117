package dev.selfheal.demo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The daemon config the demo runs (written to {@code <data-dir>/selfheal-demo.yaml}, so it can be
 * read and re-run with {@code selfheal run --config}): the four simulators as supervised
 * {@code services:} (each a child JVM on a fixed port with its idempotency ledger in the data
 * dir; the token comes through the environment, masked), no process check of their own, and a
 * healing section that maps each simulator's component (the client health check registered under
 * the same name) to {@code restart_service}. The health checks themselves are the clients'
 * probes, registered in code (group {@code integrations}, majority rule), because they go through
 * the integrations' guards.
 *
 * <p>JSON is written: it is YAML too.
 */
final class DemoConfig {

    static final String PROBLEM = "simulator_down";
    static final String PIPELINE_BLOCKED = "pipeline_blocked";
    static final String PIPELINE = dev.selfheal.demo.orchestrator.PipelineHealthCheck.COMPONENT;
    static final String PREDICTED_MEMORY = "predicted_exhaustion_memory";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoConfig() { }

    /** Environment variable carrying the simulator token of {@code api} into the config. */
    static String tokenVariable(Api api) {
        return "DEMO_" + api.cliName().toUpperCase(java.util.Locale.ROOT) + "_SIMULATOR_TOKEN";
    }

    /**
     * The demo sends an hour's worth of a busy day's events in minutes, so the APIs' real hourly
     * quotas (5,000 for GitHub and Linear, about one call per event) would run dry after four
     * minutes of a calm run. Quotas sized to twice what the event rate spends keep a run without
     * chaos healthy; the chaos schedule's rate-limit fault still spends a quota on purpose.
     */
    static long quotaPerHour(double eventsPerSecond) {
        return Math.max(5_000L, (long) Math.ceil(eventsPerSecond * 3_600 * 2));
    }

    /**
     * Each simulator's heap, read from its {@code /_admin/stats} every second and forecast a minute
     * ahead from the last 30 s: a leak that would fill the heap within a minute is seen after about
     * 15 s of readings and the simulator restarted while its heap still has room.
     */
    private static void predictHeaps(ObjectNode performance, Map<Api, Integer> simulatorPorts) {
        performance.put("jvm", false);
        performance.putObject("prediction").put("interval", "1s").put("horizon", "60s").put("min-readings", 10)
                .put("persistence", "3s")
                .put("recent-window", "30s");
        ArrayNode resources = performance.putArray("resources");
        for (Api api : Api.values()) {
            resources.addObject().put("component", api.cliName()).put("kind", "http-json")
                    .put("url", "http://127.0.0.1:%d/_admin/stats".formatted(simulatorPorts.get(api)))
                    .put("used", "heap_used_bytes").put("limit", "heap_max_bytes").put("resource", "heap").put("as", "memory");
        }
    }

    static String render(int apiPort, Path dataDir, Map<Api, Integer> simulatorPorts, long seed) {
        return render(apiPort, dataDir, simulatorPorts, seed, false, quotaPerHour(20));
    }

    /**
     * With {@code approval}, restart_service waits for a person's approval (console or API) before it runs.
     * {@code quotaPerHour} is the GitHub and Linear simulators' hourly quota.
     */
    static String render(int apiPort, Path dataDir, Map<Api, Integer> simulatorPorts, long seed, boolean approval,
                         long quotaPerHour) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("server").put("port", apiPort).put("bind", "127.0.0.1");
        root.putObject("store").put("url", "jdbc:sqlite:" + dataDir.resolve("selfheal.db").toAbsolutePath());
        root.putObject("health").putObject("groups").putObject("integrations").put("policy", "majority");
        // The demo's clients use guards of the demo's own registry (their outbox is the orchestrator's
        // ledger). The daemon's default guards of the same names would never be called, and its breaker
        // wiring, which goes by name, would "heal" an opening of the demo's breaker by resetting its own
        // unused one: so the daemon has none. Outages are healed through the simulators' probes.
        root.putObject("integrations").put("defaults", false);
        ArrayNode services = root.putArray("services");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        for (Api api : Api.values()) {
            ObjectNode s = services.addObject();
            s.put("name", api.cliName());
            ArrayNode command = s.putArray("command");
            if (Files.isExecutable(SETSID)) {
                // its own session: a Ctrl-C in the terminal reaches the demo, which drains, accounts and then
                // stops the simulators itself, instead of killing them all at once under the drain
                command.add(SETSID.toString());
            }
            // a leak that outgrows the heap ends the simulator, as it would a real service
            List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Dlogback.configurationFile=logback-simulator.xml", "-cp", classpath, api.mainClass(),
                    "--port", String.valueOf(simulatorPorts.get(api)), "--seed", String.valueOf(seed),
                    "--state-file", dataDir.resolve("sim-" + api.cliName() + ".jsonl").toAbsolutePath().toString(),
                    "--quota", String.valueOf(quotaPerHour))
                    .forEach(command::add);
            s.putObject("env").put("SIMULATOR_TOKEN", "${" + tokenVariable(api) + "}");
            s.put("stop-grace", "2s");
            s.put("output", dataDir.resolve("logs").resolve(api.cliName() + ".log").toAbsolutePath().toString());
            s.put("check", false);
        }
        ObjectNode healing = root.putObject("healing");
        healing.put("interval", "2s");
        ObjectNode components = healing.putObject("problems").putObject("components");
        for (Api api : Api.values()) {
            components.put(api.cliName(), PROBLEM);
        }
        // a blocked pipeline is healed by healing the simulator it waits for: nothing of its own to run
        components.put(PIPELINE, PIPELINE_BLOCKED);
        ObjectNode mapping = healing.putObject("mapping");
        mapping.putArray(PROBLEM).add("restart_service");
        // a simulator whose heap will run out is restarted before it does: its clients' outbox holds the work meanwhile
        mapping.putArray(PREDICTED_MEMORY).add("restart_service");
        mapping.putArray(PIPELINE_BLOCKED);
        ObjectNode restart = healing.putObject("actions").putObject("restart_service").put("timeout", "60s").put("delay-after", "1s");
        if (approval) {
            restart.put("approval", true);
        }
        healing.putObject("max-actions").put("per-component", 20).put("global", 100).put("window", "15m");
        healing.putObject("verification").put("window", "60s").put("poll", "1s");
        healing.putObject("degradation").put("host-resources", false);
        // the orchestrator's pipeline (component contexten) depends on every simulator: a simulator's crash
        // and the blocked pipeline are one cascade, one incident rooted at the simulator. The pipeline's
        // breaker sees a crash before the simulator's probe does (3 failures of a probe that may wait for
        // its timeout): the hold keeps the pipeline's incident open for the root to take it over, and
        // costs nothing, since a blocked pipeline has no action of its own.
        ArrayNode dependsOn = root.putObject("alerting").putObject("dependencies").putArray(PIPELINE);
        for (Api api : Api.values()) {
            dependsOn.add(api.cliName());
        }
        healing.putObject("patterns").put("cascade-window", "2m").put("hold", "30s");
        predictHeaps(root.putObject("performance"), simulatorPorts);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
