package dev.selfheal.demo.sim.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.BadRequest;
import dev.selfheal.demo.sim.SimJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Faults as JSON, the body of {@code POST /_admin/faults}:
 * <pre>
 * {"mode": "error-rate", "rate": 0.3, "statuses": [500, 502, 503], "phase": "before", "duration_ms": 60000}
 * {"mode": "latency", "fixed_ms": 200}   or   {"mode": "latency", "min_ms": 100, "max_ms": 800}
 * {"mode": "hang", "duration_ms": 30000}            (no duration: until cleared)
 * {"mode": "crash", "exit_code": 1}
 * {"mode": "rate-limit", "duration_ms": 60000}
 * {"mode": "memory-growth", "mib_per_second": 8, "max_mib": 128}
 * </pre>
 * Unknown fields are refused, so a misspelt option never silently does nothing.
 */
public final class FaultJson {

    private static final String WHERE = "POST /_admin/faults";
    private static final List<Integer> DEFAULT_STATUSES = List.of(500, 502, 503);
    private static final Duration DEFAULT_RATE_LIMIT = Duration.ofSeconds(60);

    private FaultJson() {
    }

    /** Parses one fault; {@code defaultMaxMib} caps memory growth when the request gives no {@code max_mib}. */
    public static Fault parse(JsonNode node, long defaultMaxMib) {
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest(WHERE + ": the body must be a JSON object with a \"mode\" field");
        }
        JsonNode modeNode = object.get("mode");
        if (modeNode == null || !modeNode.isTextual()) {
            throw new BadRequest(WHERE + ": field \"mode\" is required, one of: " + FaultMode.wireNames());
        }
        FaultMode mode = FaultMode.byWireName(modeNode.asText()).orElseThrow(() -> new BadRequest(
                WHERE + ": field \"mode\" is \"" + modeNode.asText() + "\", expected one of: " + FaultMode.wireNames()));
        return switch (mode) {
            case ERROR_RATE -> {
                known(object, mode, "rate", "statuses", "phase", "duration_ms");
                double rate = number(object, mode, "rate").orElseThrow(() -> missing(mode, "rate"));
                if (!(rate >= 0 && rate <= 1)) {
                    throw new BadRequest(field(mode, "rate") + " must be between 0 and 1, got " + rate);
                }
                yield new Fault.ErrorRate(rate, statuses(object, mode), phase(object, mode), millis(object, mode, "duration_ms"));
            }
            case LATENCY -> {
                known(object, mode, "fixed_ms", "min_ms", "max_ms", "duration_ms");
                Optional<Duration> fixed = millis(object, mode, "fixed_ms");
                Optional<Duration> min = millis(object, mode, "min_ms");
                Optional<Duration> max = millis(object, mode, "max_ms");
                if (fixed.isPresent() && (min.isPresent() || max.isPresent())) {
                    throw new BadRequest(WHERE + ": mode latency takes either \"fixed_ms\" or \"min_ms\" and \"max_ms\", not both");
                }
                if (fixed.isPresent()) {
                    yield new Fault.Latency(fixed.get(), fixed.get(), millis(object, mode, "duration_ms"));
                }
                if (min.isEmpty() || max.isEmpty()) {
                    throw new BadRequest(WHERE + ": mode latency needs \"fixed_ms\", or both \"min_ms\" and \"max_ms\"");
                }
                if (min.get().compareTo(max.get()) > 0) {
                    throw new BadRequest(field(mode, "min_ms") + " (" + min.get().toMillis() + ") must not exceed \"max_ms\" ("
                            + max.get().toMillis() + ")");
                }
                yield new Fault.Latency(min.get(), max.get(), millis(object, mode, "duration_ms"));
            }
            case HANG -> {
                known(object, mode, "duration_ms");
                yield new Fault.Hang(millis(object, mode, "duration_ms"));
            }
            case CRASH -> {
                known(object, mode, "exit_code");
                long code = integer(object, mode, "exit_code").orElse(1L);
                if (code < 1 || code > 255) {
                    throw new BadRequest(field(mode, "exit_code") + " must be between 1 and 255 (a crash exits non-zero), got " + code);
                }
                yield new Fault.Crash((int) code);
            }
            case RATE_LIMIT -> {
                known(object, mode, "duration_ms");
                yield new Fault.RateLimit(millis(object, mode, "duration_ms").orElse(DEFAULT_RATE_LIMIT));
            }
            case MEMORY_GROWTH -> {
                known(object, mode, "mib_per_second", "max_mib", "duration_ms");
                double rate = number(object, mode, "mib_per_second").orElseThrow(() -> missing(mode, "mib_per_second"));
                if (!(rate > 0 && rate <= 1024)) {
                    throw new BadRequest(field(mode, "mib_per_second") + " must be above 0 and at most 1024, got " + rate);
                }
                long max = integer(object, mode, "max_mib").orElse(defaultMaxMib);
                if (max < 1) {
                    throw new BadRequest(field(mode, "max_mib") + " must be at least 1, got " + max);
                }
                yield new Fault.MemoryGrowth(rate, max, millis(object, mode, "duration_ms"));
            }
        };
    }

    /** The JSON form of an active fault, as {@code GET /_admin/faults} lists it. */
    public static ObjectNode render(Fault fault) {
        ObjectNode node = SimJson.object().put("mode", fault.mode().wireName());
        switch (fault) {
            case Fault.ErrorRate e -> {
                node.put("rate", e.rate());
                ArrayNode statuses = node.putArray("statuses");
                e.statuses().forEach(statuses::add);
                node.put("phase", e.phase().name().toLowerCase());
            }
            case Fault.Latency l -> node.put("min_ms", l.min().toMillis()).put("max_ms", l.max().toMillis());
            case Fault.Hang h -> { }
            case Fault.Crash c -> node.put("exit_code", c.exitCode());
            case Fault.RateLimit r -> { }
            case Fault.MemoryGrowth m -> node.put("mib_per_second", m.mibPerSecond()).put("max_mib", m.maxMib());
        }
        fault.duration().ifPresent(d -> node.put("duration_ms", d.toMillis()));
        return node;
    }

    private static void known(ObjectNode object, FaultMode mode, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("mode") && !allowed.contains(name)) {
                throw new BadRequest(WHERE + ": unknown field \"" + name + "\" for mode " + mode.wireName()
                        + "; it takes: " + String.join(", ", fields));
            }
        }
    }

    private static List<Integer> statuses(ObjectNode object, FaultMode mode) {
        JsonNode node = object.get("statuses");
        if (node == null) {
            return DEFAULT_STATUSES;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new BadRequest(field(mode, "statuses") + " must be a non-empty array of HTTP statuses 500-599");
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode status = node.get(i);
            if (!status.isIntegralNumber() || status.asInt() < 500 || status.asInt() > 599) {
                throw new BadRequest(field(mode, "statuses") + "[" + i + "] must be an HTTP status 500-599, got " + status);
            }
            statuses.add(status.asInt());
        }
        return statuses;
    }

    private static Fault.Phase phase(ObjectNode object, FaultMode mode) {
        JsonNode node = object.get("phase");
        if (node == null) {
            return Fault.Phase.BEFORE;
        }
        return switch (node.asText()) {
            case "before" -> Fault.Phase.BEFORE;
            case "after" -> Fault.Phase.AFTER;
            default -> throw new BadRequest(field(mode, "phase") + " must be \"before\" or \"after\", got " + node);
        };
    }

    private static Optional<Double> number(ObjectNode object, FaultMode mode, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw new BadRequest(field(mode, name) + " must be a number, got " + node);
        }
        return Optional.of(node.asDouble());
    }

    private static Optional<Long> integer(ObjectNode object, FaultMode mode, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber()) {
            throw new BadRequest(field(mode, name) + " must be a whole number, got " + node);
        }
        return Optional.of(node.asLong());
    }

    private static Optional<Duration> millis(ObjectNode object, FaultMode mode, String name) {
        Optional<Long> value = integer(object, mode, name);
        if (value.isPresent() && value.get() < 0) {
            throw new BadRequest(field(mode, name) + " must not be negative, got " + value.get());
        }
        return value.map(Duration::ofMillis);
    }

    private static String field(FaultMode mode, String name) {
        return WHERE + ": field \"" + name + "\" of mode " + mode.wireName();
    }

    private static BadRequest missing(FaultMode mode, String name) {
        return new BadRequest(WHERE + ": mode " + mode.wireName() + " needs field \"" + name + "\"");
    }
}
