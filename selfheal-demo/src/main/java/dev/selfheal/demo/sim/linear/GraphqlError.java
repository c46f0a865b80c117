package dev.selfheal.demo.sim.linear;

/** A GraphQL request that cannot be run: a syntax or validation error, with where it is and the code to report. */
final class GraphqlError extends RuntimeException {

    private final int line;
    private final int column;
    private final String code;

    GraphqlError(String message, int line, int column, String code) {
        super(message);
        this.line = line;
        this.column = column;
        this.code = code;
    }

    GraphqlError(String message, String code) {
        this(message, 0, 0, code);
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    String code() {
        return code;
    }

    boolean hasLocation() {
        return line > 0;
    }
}
