package dev.selfheal.bench;

import picocli.CommandLine.Option;

/**
 * {@code --pg-url} and {@code --pg-user}: the PostgreSQL server a bench runs against, by default
 * the machine's own (trust auth, database {@code test}). Use it with {@code @Mixin PostgresOptions postgres;}.
 */
public final class PostgresOptions {

    @Option(names = {"--pg-url", "--db-url"}, defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", paramLabel = "JDBC_URL",
            description = "PostgreSQL to run against (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--pg-user", defaultValue = "postgres", paramLabel = "USER",
            description = "PostgreSQL user (default ${DEFAULT-VALUE}).")
    String user;

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }
}
