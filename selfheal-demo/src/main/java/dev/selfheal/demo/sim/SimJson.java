package dev.selfheal.demo.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the simulators, and the parsing that turns bad JSON into a {@link BadRequest}. */
public final class SimJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SimJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses {@code body}; {@code where} names the endpoint for the error message. */
    public static JsonNode parse(String body, String where) {
        if (body == null || body.isBlank()) {
            throw new BadRequest(where + ": the body is empty; a JSON object was expected");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(where + ": the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** Parses {@code body} and requires a JSON object. */
    public static ObjectNode parseObject(String body, String where) {
        JsonNode node = parse(body, where);
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest(where + ": the body must be a JSON object, got " + node.getNodeType().toString().toLowerCase());
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
