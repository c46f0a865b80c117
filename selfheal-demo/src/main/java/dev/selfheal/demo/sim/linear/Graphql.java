package dev.selfheal.demo.sim.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small GraphQL reader: enough of the language for what clients send Linear (an
 * operation, optionally named, with variable definitions, fields with aliases, arguments
 * of every literal kind and variables, nested selections), with syntax errors located by
 * line and column. Fragments and directives are refused with a clear message rather than
 * half-understood.
 */
final class Graphql {

    /** A selected field; argument values are already resolved against the variables. */
    record Field(String alias, String name, Map<String, JsonNode> arguments, List<Field> selections, int line, int column) {
        String responseKey() {
            return alias != null ? alias : name;
        }
    }

    record Operation(String type, List<Field> selections) { }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final JsonNode variables;
    private int pos;

    private Graphql(String text, JsonNode variables) {
        this.text = text;
        this.variables = variables == null ? SimJson.object() : variables;
    }

    static Operation parse(String query, JsonNode variables) {
        Graphql reader = new Graphql(query, variables);
        return reader.document();
    }

    private Operation document() {
        skipIgnored();
        Operation operation;
        if (peek() == '{') {
            operation = new Operation("query", selectionSet());
        } else {
            String type = name();
            if (!type.equals("query") && !type.equals("mutation")) {
                if (type.equals("fragment") || type.equals("subscription")) {
                    throw error("\"" + type + "\" definitions are not supported by the simulator; send one query or mutation");
                }
                throw error("Unexpected Name \"" + type + "\"");
            }
            skipIgnored();
            if (isNameStart(peek())) {
                name();
                skipIgnored();
            }
            if (peek() == '(') {
                skipBalanced('(', ')');
                skipIgnored();
            }
            operation = new Operation(type, selectionSet());
        }
        skipIgnored();
        if (pos < text.length()) {
            throw error("Unexpected \"" + text.charAt(pos) + "\" after the operation; send one operation per request");
        }
        return operation;
    }

    private List<Field> selectionSet() {
        expect('{');
        List<Field> fields = new ArrayList<>();
        skipIgnored();
        while (peek() != '}') {
            if (pos >= text.length()) {
                throw error("Expected \"}\", found <EOF>");
            }
            if (text.startsWith("...", pos)) {
                throw error("fragment spreads are not supported by the simulator; select the fields directly");
            }
            fields.add(field());
            skipIgnored();
        }
        expect('}');
        if (fields.isEmpty()) {
            throw error("Syntax Error: Expected Name, found \"}\"");
        }
        return fields;
    }

    private Field field() {
        int line = line(pos);
        int column = column(pos);
        String first = name();
        skipIgnored();
        String alias = null;
        String name = first;
        if (peek() == ':') {
            pos++;
            skipIgnored();
            alias = first;
            name = name();
            skipIgnored();
        }
        Map<String, JsonNode> arguments = Collections.emptyMap();
        if (peek() == '(') {
            arguments = arguments();
            skipIgnored();
        }
        if (peek() == '@') {
            throw error("directives are not supported by the simulator");
        }
        List<Field> selections = List.of();
        if (peek() == '{') {
            selections = selectionSet();
        }
        return new Field(alias, name, arguments, selections, line, column);
    }

    private Map<String, JsonNode> arguments() {
        expect('(');
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        skipIgnored();
        while (peek() != ')') {
            String name = name();
            skipIgnored();
            expect(':');
            skipIgnored();
            arguments.put(name, value());
            skipIgnored();
        }
        expect(')');
        return arguments;
    }

    private JsonNode value() {
        char c = peek();
        if (c == '$') {
            pos++;
            String name = name();
            JsonNode value = variables.get(name);
            if (value == null) {
                throw new GraphqlError("Variable \"$" + name + "\" was not provided.", "BAD_USER_INPUT");
            }
            return value;
        }
        if (c == '"') {
            return NODES.textNode(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            pos++;
            ArrayNode list = NODES.arrayNode();
            skipIgnored();
            while (peek() != ']') {
                if (pos >= text.length()) {
                    throw error("Expected \"]\", found <EOF>");
                }
                list.add(value());
                skipIgnored();
            }
            pos++;
            return list;
        }
        if (c == '{') {
            pos++;
            ObjectNode object = NODES.objectNode();
            skipIgnored();
            while (peek() != '}') {
                String name = name();
                skipIgnored();
                expect(':');
                skipIgnored();
                object.set(name, value());
                skipIgnored();
            }
            pos++;
            return object;
        }
        if (isNameStart(c)) {
            String name = name();
            return switch (name) {
                case "true" -> NODES.booleanNode(true);
                case "false" -> NODES.booleanNode(false);
                case "null" -> NullNode.getInstance();
                default -> NODES.textNode(name); // an enum value
            };
        }
        throw error("Unexpected " + describe(c) + " where a value was expected");
    }

    private String string() {
        if (text.startsWith("\"\"\"", pos)) {
            int end = text.indexOf("\"\"\"", pos + 3);
            if (end < 0) {
                throw error("Unterminated string");
            }
            String value = text.substring(pos + 3, end);
            pos = end + 3;
            return value;
        }
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\n') {
                throw error("Unterminated string");
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("Invalid Unicode escape sequence");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        if (pos >= text.length()) {
            throw error("Unterminated string");
        }
        pos++;
        return out.toString();
    }

    private JsonNode number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean fraction = false;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || "eE.+-".indexOf(text.charAt(pos)) >= 0)) {
            fraction |= "eE.".indexOf(text.charAt(pos)) >= 0;
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            return fraction ? NODES.numberNode(Double.parseDouble(literal)) : NODES.numberNode(Long.parseLong(literal));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("Invalid number \"" + literal + "\"");
        }
    }

    private String name() {
        if (!isNameStart(peek())) {
            throw error("Expected Name, found " + describe(peek()));
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipBalanced(char open, char close) {
        int depth = 0;
        do {
            if (pos >= text.length()) {
                throw error("Expected \"" + close + "\", found <EOF>");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                pos--;
                string();
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
        } while (depth > 0);
    }

    private void expect(char c) {
        skipIgnored();
        if (peek() != c) {
            throw error("Expected \"" + c + "\", found " + describe(peek()));
        }
        pos++;
    }

    private void skipIgnored() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                pos++;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private String describe(char c) {
        return pos >= text.length() ? "<EOF>" : "\"" + c + "\"";
    }

    private GraphqlError error(String message) {
        String full = message.startsWith("Syntax Error") ? message : "Syntax Error: " + message;
        return new GraphqlError(full + ".", line(pos), column(pos), "GRAPHQL_PARSE_FAILED");
    }

    private int line(int at) {
        int line = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private int column(int at) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, Math.min(at, text.length()) - 1)) + 1;
        return at - lineStart + 1;
    }
}
