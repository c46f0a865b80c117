package dev.selfheal.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A result's details map as the JSON text kept in {@code check_results.details}.
 *
 * <p>Numbers come back as the narrowest of Integer, Long, BigInteger or Double, strings and
 * booleans as themselves. A value Jackson cannot write (a check put an odd object in its
 * details) is kept as its {@code toString()}: losing a result over one detail would be worse.
 */
final class DetailsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private DetailsJson() { }

    /** The JSON text, or empty when there are no details (stored as NULL). */
    static Optional<String> encode(Map<String, Object> details) {
        if (details.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            Map<String, Object> plain = new LinkedHashMap<>();
            details.forEach((key, value) -> plain.put(key, isPlain(value) ? value : String.valueOf(value)));
            try {
                return Optional.of(MAPPER.writeValueAsString(plain));
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("cannot write details as JSON: " + impossible.getMessage(), impossible);
            }
        }
    }

    static Map<String, Object> decode(String json, long rowId) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "check_results.details of row id=%d is not a JSON object: %s".formatted(rowId, e.getOriginalMessage()), e);
        }
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
