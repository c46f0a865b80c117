package dev.selfheal.demo.sim.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * A Slack Web API request's arguments, from either body Slack accepts: form-encoded
 * ({@code token} may be one of the fields) or JSON (token only in the Authorization header).
 */
final class SlackRequest {

    private static final String PARSED = "slack.arguments";

    /** The arguments, or empty when a JSON body could not be parsed (Slack answers {@code invalid_json}). */
    static Optional<ObjectNode> arguments(Context ctx) {
        ObjectNode cached = ctx.attribute(PARSED);
        if (cached != null) {
            return Optional.of(cached);
        }
        ObjectNode arguments;
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (type.startsWith("application/json")) {
            if (ctx.body().isBlank()) {
                arguments = SimJson.object();
            } else {
                try {
                    JsonNode node = SimJson.MAPPER.readTree(ctx.body());
                    if (!(node instanceof ObjectNode object)) {
                        return Optional.empty();
                    }
                    arguments = object;
                } catch (Exception e) {
                    return Optional.empty();
                }
            }
        } else {
            arguments = SimJson.object();
            ctx.formParamMap().forEach((name, values) -> arguments.put(name, values.isEmpty() ? "" : values.get(0)));
            ctx.queryParamMap().forEach((name, values) -> {
                if (!arguments.has(name) && !values.isEmpty()) {
                    arguments.put(name, values.get(0));
                }
            });
        }
        ctx.attribute(PARSED, arguments);
        return Optional.of(arguments);
    }

    /** The token the request carries: the bearer header first, then a {@code token} argument. */
    static Optional<String> token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return Optional.of(header.substring("Bearer ".length()).strip());
        }
        return arguments(ctx).map(args -> args.path("token").asText("")).filter(token -> !token.isEmpty());
    }

    static String text(ObjectNode arguments, String field) {
        JsonNode node = arguments.get(field);
        return node == null || node.isNull() ? "" : node.isTextual() ? node.asText() : node.toString();
    }

    private SlackRequest() {
    }
}
