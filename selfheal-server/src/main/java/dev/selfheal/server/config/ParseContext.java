package dev.selfheal.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * State of one parse: the problems found so far (all of them are reported, not just the first)
 * and the environment for {@code ${VAR}} substitution.
 */
final class ParseContext {

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final EnvSubstitution env;

    ParseContext(EnvSubstitution env) {
        this.env = env;
    }

    void problem(String path, Node at, String message) {
        problems.add(new ConfigProblem(path, line(at), column(at), message));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static int column(Node node) {
        return node == null ? 0 : node.getStartMark().getColumn() + 1;
    }

    /**
     * The text of a scalar after {@code ${VAR}} substitution; empty for a YAML null
     * ({@code key:} or {@code ~}) and, with a problem recorded, for a list, a mapping or a bad reference.
     */
    Optional<String> scalar(String path, Node node) {
        if (node.getNodeId() != NodeId.scalar) {
            problem(path, node, "must be a single value, got a " + kind(node));
            return Optional.empty();
        }
        ScalarNode scalar = (ScalarNode) node;
        if (Tag.NULL.equals(scalar.getTag())) {
            return Optional.empty();
        }
        try {
            return Optional.of(env.apply(scalar.getValue()));
        } catch (IllegalArgumentException e) {
            problem(path, node, e.getMessage());
            return Optional.empty();
        }
    }

    static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "mapping (key: value)";
            case sequence -> "list";
            default -> "single value";
        };
    }
}
