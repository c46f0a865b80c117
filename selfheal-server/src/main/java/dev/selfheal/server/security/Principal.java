package dev.selfheal.server.security;

import dev.selfheal.server.config.SecurityConfig.Role;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who made a request: the name of the token it carried and that token's role. Requests to a
 * daemon without tokens (loopback only) have no principal; the audit log calls them
 * {@code anonymous}.
 */
public record Principal(String name, Role role) {

    static final String ATTRIBUTE = "selfheal.principal";

    /** The request's principal, when tokens are configured and it carried a valid one. */
    public static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }
}
