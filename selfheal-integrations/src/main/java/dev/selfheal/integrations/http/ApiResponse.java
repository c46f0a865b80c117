package dev.selfheal.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A successful (2xx) answer: status, headers, the JSON body and how long it took. */
public record ApiResponse(int status, Map<String, List<String>> headers, JsonNode body, Duration latency) {
}
