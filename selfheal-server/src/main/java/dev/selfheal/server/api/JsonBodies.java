package dev.selfheal.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies as JSON objects, with a 400 that says what was wrong. */
final class JsonBodies {

    private JsonBodies() { }

    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return json;
    }
}
