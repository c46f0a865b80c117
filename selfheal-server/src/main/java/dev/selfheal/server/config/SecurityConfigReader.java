package dev.selfheal.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code security} section ({@code tokens: [{name, role, token-sha256}]},
 * {@code public-metrics}) and refuses a {@code server.bind} other than loopback when there are
 * no tokens: an open API on a network address would let anyone restart services.
 */
final class SecurityConfigReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private SecurityConfigReader() { }

    static SecurityConfig read(MappingReader m) {
        List<SecurityConfig.Token> tokens = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> digests = new HashMap<>();
        for (MappingReader t : m.mappings("tokens")) {
            Optional<String> name = t.requiredText("name");
            name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> t.problem("name",
                    "must be 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit, got '%s'".formatted(n)));
            Optional<SecurityConfig.Role> role = t.requiredText("role").flatMap(r -> role(t, r));
            Optional<String> digest = t.requiredText("token-sha256").map(String::strip);
            if (digest.isPresent() && !SHA256_HEX.matcher(digest.get()).matches()) {
                // Never echo the value: a token pasted here by mistake must not reach a log.
                t.problem("token-sha256", "must be the SHA-256 of the token as 64 hex digits (%d characters given), "
                        .formatted(digest.get().length()) + "e.g. the output of: printf %s \"$TOKEN\" | sha256sum");
                digest = Optional.empty();
            }
            String where = t.path() + " (line " + t.line() + ")";
            name.ifPresent(n -> {
                String first = names.putIfAbsent(n, where);
                if (first != null) {
                    t.problem("name", "duplicate token name '%s', first at %s".formatted(n, first));
                }
            });
            digest.ifPresent(d -> {
                String first = digests.putIfAbsent(d.toLowerCase(Locale.ROOT), where);
                if (first != null) {
                    t.problem("token-sha256", "the same token is configured twice (also at %s); each person needs their own".formatted(first));
                }
            });
            t.rejectUnknownKeys();
            if (name.isPresent() && role.isPresent() && digest.isPresent()) {
                tokens.add(new SecurityConfig.Token(name.get(), role.get(), digest.get()));
            }
        }
        boolean publicMetrics = m.bool("public-metrics", false);
        m.rejectUnknownKeys();
        return new SecurityConfig(tokens, publicMetrics);
    }

    /** A problem at {@code server.bind} when the API would be open on an address other than loopback. */
    static void checkBind(MappingReader server, ServerConfig config, SecurityConfig security) {
        if (!security.enabled() && !isLoopback(config.bind())) {
            server.problem("bind", ("the API would listen on %s with no API tokens configured, so anyone who can reach "
                    + "that address could restart services and pin degradation; either bind to 127.0.0.1 (or ::1), or "
                    + "add tokens under security.tokens, e.g. security: { tokens: [ { name: otto, role: operator, "
                    + "token-sha256: <printf %%s \"$TOKEN\" | sha256sum> } ] } (see docs/config.md, Security)").formatted(config.bind()));
        }
    }

    /** {@code localhost}, 127.0.0.0/8 and ::1; a host name counts only when every address it has is loopback. */
    static boolean isLoopback(String bind) {
        String host = bind.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<SecurityConfig.Role> role(MappingReader t, String text) {
        try {
            return Optional.of(SecurityConfig.Role.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            t.problem("role", "must be one of %s, got '%s'".formatted(Arrays.stream(SecurityConfig.Role.values())
                    .map(SecurityConfig.Role::label).collect(Collectors.joining(", ")), text));
            return Optional.empty();
        }
    }
}
