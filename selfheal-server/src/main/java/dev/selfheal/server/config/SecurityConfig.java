package dev.selfheal.server.config;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the API: named bearer tokens, each with a role, kept only as the SHA-256 of the
 * token. With no tokens the API is open, and the daemon then listens only on loopback (the
 * loader refuses any other {@code server.bind}).
 *
 * @param tokens        the tokens; empty means no authentication (loopback only)
 * @param publicMetrics {@code true} serves {@code /metrics} without a token even when tokens are
 *                      configured (default {@code false}: Prometheus sends a bearer token)
 */
public record SecurityConfig(List<Token> tokens, boolean publicMetrics) {

    public SecurityConfig {
        tokens = List.copyOf(tokens);
    }

    /** No tokens: the API is open and served on loopback only. */
    public static SecurityConfig none() {
        return new SecurityConfig(List.of(), false);
    }

    /**
     * Refuses an open API on an address other than loopback, for a config built in code (the
     * loader already reports it at {@code server.bind} with its line and column).
     */
    public void refuseOpenNetworkBind(ServerConfig server) {
        if (!enabled() && !SecurityConfigReader.isLoopback(server.bind())) {
            throw new ConfigException("the config", List.of(new ConfigProblem("server.bind", 0, 0, ("the API would listen on %s "
                    + "with no API tokens configured; bind to 127.0.0.1 or add tokens under security.tokens (docs/config.md, Security)")
                    .formatted(server.bind()))));
        }
    }

    /** Whether requests must carry a token. */
    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /** What a token's holder may do; each role may do everything the one before it may. */
    public enum Role {
        /** Reads everything (the secrets in it redacted). */
        VIEWER,
        /** Also acts: every mutating call (POST, PUT, PATCH, DELETE). */
        OPERATOR,
        /** Also reads the audit log. */
        ADMIN;

        public boolean atLeast(Role other) {
            return compareTo(other) >= 0;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One configured token.
     *
     * @param sha256Hex the SHA-256 of the token, 64 lower-case hex digits (never the token itself)
     */
    public record Token(String name, Role role, String sha256Hex) {

        public Token {
            sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
            if (sha256Hex.length() != 64 || !sha256Hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("token-sha256 of '" + name + "' must be 64 hex digits");
            }
        }

        /** The 32 bytes of the digest. */
        public byte[] sha256() {
            return HexFormat.of().parseHex(sha256Hex);
        }

        @Override
        public String toString() {
            return "Token[name=" + name + ", role=" + role.label() + ", token-sha256=" + Secret.MASK + "]";
        }
    }
}
