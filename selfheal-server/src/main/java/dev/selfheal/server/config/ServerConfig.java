package dev.selfheal.server.config;

/**
 * Where the HTTP API listens.
 *
 * @param bind the address to bind, default {@code 127.0.0.1}
 * @param port the port, default 8080; 0 takes any free port (tests)
 */
public record ServerConfig(String bind, int port) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
}
