package dev.selfheal.demo.sim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.fault.FaultMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code selfheal simulator fault --port P <mode> [options]}: a thin client of a running
 * simulator's {@code /_admin/faults}. The simulator validates; this command only maps
 * options to the JSON fields, so the rules live in one place.
 */
@Command(name = "fault",
        mixinStandardHelpOptions = true,
        description = {"Injects a fault into a running simulator (POST /_admin/faults), lists (list) or clears (clear [mode]) them.",
                "Modes: error-rate, latency, hang, crash, rate-limit, memory-growth.",
                "Examples:",
                "  selfheal simulator fault --port 8101 error-rate --rate 0.3 --statuses 500,503",
                "  selfheal simulator fault --port 8101 latency --min 100ms --max 800ms --duration 2m",
                "  selfheal simulator fault --port 8101 hang            (until: selfheal simulator fault --port 8101 clear hang)",
                "  selfheal simulator fault --port 8101 crash --exit-code 3",
                "  selfheal simulator fault --port 8101 rate-limit --duration 30s",
                "  selfheal simulator fault --port 8101 memory-growth --mib-per-second 8 --max-mib 128",
                "Exit codes: 0 done, 1 the simulator refused (its reason is printed), 2 bad usage, 3 no simulator answered."})
public final class SimulatorFaultCommand implements Callable<Integer> {

    @Option(names = "--port", required = true, description = "The simulator's port.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The simulator's host (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "0", description = "A fault mode, or list, or clear.")
    String mode;

    @Parameters(index = "1", arity = "0..1", description = "With clear: the one mode to clear (default: all).")
    String clearMode;

    @Option(names = "--rate", description = "error-rate: the fraction of requests answered 5xx, 0 to 1.")
    Double rate;

    @Option(names = "--statuses", split = ",", description = "error-rate: the statuses to answer with (default: 500,502,503).")
    List<Integer> statuses;

    @Option(names = "--phase", description = "error-rate: before (nothing applied) or after (applied, answer lost); default before.")
    String phase;

    @Option(names = "--fixed", description = "latency: a fixed added delay (e.g. 200ms).")
    String fixed;

    @Option(names = "--min", description = "latency: the least added delay.")
    String min;

    @Option(names = "--max", description = "latency: the most added delay.")
    String max;

    @Option(names = "--duration", description = "How long the fault lasts (e.g. 30s); default: until cleared (rate-limit: 60s).")
    String duration;

    @Option(names = "--exit-code", description = "crash: the exit code (default 1).")
    Integer exitCode;

    @Option(names = "--mib-per-second", description = "memory-growth: MiB retained per second.")
    Double mibPerSecond;

    @Option(names = "--max-mib", description = "memory-growth: stop growing at this many MiB (default: 60%% of the heap).")
    Long maxMib;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = "http://" + host + ":" + port + "/_admin/faults";
        HttpRequest request;
        try {
            request = switch (mode) {
                case "list" -> HttpRequest.newBuilder(URI.create(base)).GET().build();
                case "clear" -> HttpRequest.newBuilder(URI.create(clearMode == null ? base : base + "/" + clearMode)).DELETE().build();
                default -> HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SimJson.write(body()))).build();
            };
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                err.println("the simulator at " + host + ":" + port + " refused: HTTP " + response.statusCode() + " " + response.body());
                return 1;
            }
            out.println(response.body());
            return 0;
        } catch (IOException e) {
            if (mode.equals("crash")) {
                out.println("{\"crash\": \"the simulator at " + host + ":" + port + " went away before answering\"}");
                return 0;
            }
            err.println("no simulator answered at " + host + ":" + port + ": " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private ObjectNode body() {
        if (FaultMode.byWireName(mode).isEmpty()) {
            throw new IllegalArgumentException("mode is \"" + mode + "\"; expected list, clear, or one of: " + FaultMode.wireNames());
        }
        if (clearMode != null) {
            throw new IllegalArgumentException("a second argument (\"" + clearMode + "\") is only taken by clear");
        }
        ObjectNode body = SimJson.object().put("mode", mode);
        if (rate != null) {
            body.put("rate", rate);
        }
        if (statuses != null) {
            ArrayNode list = body.putArray("statuses");
            statuses.forEach(list::add);
        }
        if (phase != null) {
            body.put("phase", phase);
        }
        if (fixed != null) {
            body.put("fixed_ms", DurationText.parse("--fixed", fixed).toMillis());
        }
        if (min != null) {
            body.put("min_ms", DurationText.parse("--min", min).toMillis());
        }
        if (max != null) {
            body.put("max_ms", DurationText.parse("--max", max).toMillis());
        }
        if (duration != null) {
            body.put("duration_ms", DurationText.parse("--duration", duration).toMillis());
        }
        if (exitCode != null) {
            body.put("exit_code", exitCode);
        }
        if (mibPerSecond != null) {
            body.put("mib_per_second", mibPerSecond);
        }
        if (maxMib != null) {
            body.put("max_mib", maxMib);
        }
        return body;
    }
}
