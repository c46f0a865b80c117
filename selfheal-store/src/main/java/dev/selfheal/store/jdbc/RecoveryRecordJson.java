package dev.selfheal.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The list columns of {@code recovery_records} as JSON text: steps and component names. */
final class RecoveryRecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecoveryRecordJson() { }

    static String steps(List<RecoveryRun.Step> steps) {
        ArrayNode array = MAPPER.createArrayNode();
        for (RecoveryRun.Step s : steps) {
            ObjectNode o = array.addObject();
            o.put("action", s.action());
            o.put("problem_type", s.problemType().name());
            o.put("risk", s.risk().name());
            o.put("status", s.status());
            o.put("verified", s.verified());
            o.put("duration_ns", s.duration().toNanos());
            o.put("to_verdict_ns", s.toVerdict().toNanos());
        }
        return array.toString();
    }

    static List<RecoveryRun.Step> steps(String json, long seq) {
        List<RecoveryRun.Step> steps = new ArrayList<>();
        for (JsonNode o : parse(json, "steps", seq)) {
            steps.add(new RecoveryRun.Step(o.path("action").asText(), ProblemType.of(o.path("problem_type").asText()),
                    Risk.valueOf(o.path("risk").asText()), o.path("status").asText(), o.path("verified").asBoolean(),
                    Duration.ofNanos(o.path("duration_ns").asLong()), Duration.ofNanos(o.path("to_verdict_ns").asLong())));
        }
        return steps;
    }

    static String names(List<String> names) {
        ArrayNode array = MAPPER.createArrayNode();
        names.forEach(array::add);
        return array.toString();
    }

    static List<String> names(String json, long seq) {
        List<String> names = new ArrayList<>();
        parse(json, "others_unhealthy", seq).forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode parse(String json, String column, long seq) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!node.isArray()) {
                throw new IllegalStateException("recovery_records.%s of seq=%d is not a JSON array".formatted(column, seq));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recovery_records.%s of seq=%d is not JSON: %s".formatted(column, seq,
                    e.getOriginalMessage()), e);
        }
    }
}
