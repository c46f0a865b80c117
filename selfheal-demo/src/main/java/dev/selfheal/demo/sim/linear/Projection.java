package dev.selfheal.demo.sim.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import java.util.List;

/**
 * Answers a selection from a source object, as a GraphQL server does: only the selected
 * fields, under their aliases. Source objects carry their {@code __typename}, which names
 * the type in "Cannot query field" errors and answers {@code __typename} selections.
 */
final class Projection {

    private Projection() {
    }

    /** Counts the selected fields: the simulator's stand-in for Linear's query complexity. */
    static long complexity(List<Graphql.Field> selections) {
        long cost = 0;
        for (Graphql.Field field : selections) {
            cost += 1 + complexity(field.selections());
        }
        return cost;
    }

    static ObjectNode project(ObjectNode source, List<Graphql.Field> selections) {
        ObjectNode out = SimJson.object();
        String type = source.path("__typename").asText("Object");
        for (Graphql.Field field : selections) {
            if (field.name().equals("__typename")) {
                out.put(field.responseKey(), type);
                continue;
            }
            JsonNode value = source.get(field.name());
            if (value == null) {
                throw new GraphqlError("Cannot query field \"" + field.name() + "\" on type \"" + type + "\".",
                        field.line(), field.column(), "GRAPHQL_VALIDATION_FAILED");
            }
            out.set(field.responseKey(), shape(value, field));
        }
        return out;
    }

    private static JsonNode shape(JsonNode value, Graphql.Field field) {
        if (value instanceof ObjectNode object) {
            if (field.selections().isEmpty()) {
                throw new GraphqlError("Field \"" + field.name() + "\" of type \"" + object.path("__typename").asText("Object")
                        + "\" must have a selection of subfields.", field.line(), field.column(), "GRAPHQL_VALIDATION_FAILED");
            }
            return project(object, field.selections());
        }
        if (value instanceof ArrayNode array && !field.selections().isEmpty()) {
            ArrayNode out = SimJson.MAPPER.createArrayNode();
            array.forEach(item -> out.add(item instanceof ObjectNode o ? project(o, field.selections()) : item));
            return out;
        }
        if (!field.selections().isEmpty()) {
            throw new GraphqlError("Field \"" + field.name() + "\" must not have a selection since it has no subfields.",
                    field.line(), field.column(), "GRAPHQL_VALIDATION_FAILED");
        }
        return value;
    }
}
