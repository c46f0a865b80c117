package dev.selfheal.server.api;

import dev.selfheal.server.security.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who acts on a mutating call ({@code ack}, {@code resolve}, {@code approve}, a silence's
 * creator). With tokens configured it is the token's name, always: a body that names someone else
 * ({@code "by"}, {@code "created_by"}) is refused with 403, so no one records an action under
 * another person's name, and a client that says who it is learns at once when it is wrong. A body
 * naming the token's own holder, or naming no one, is fine. Without tokens (loopback only) the
 * name comes from the body, as before, since there is nobody to check it against.
 */
final class Actor {

    private Actor() { }

    /**
     * The actor of this request: the token's name, or without tokens {@code claimed} (from the
     * body's {@code field}), else {@code orElse}.
     */
    static String of(Context ctx, String field, Optional<String> claimed, java.util.function.Supplier<String> orElse) {
        Optional<Principal> principal = Principal.of(ctx);
        if (principal.isEmpty()) {
            return claimed.orElseGet(orElse);
        }
        String name = principal.get().name();
        if (claimed.isPresent() && !claimed.get().equals(name)) {
            throw new ApiException(403, "forbidden", ("token '%s' cannot act as '%s': with API tokens the actor is the token's name; "
                    + "send \"%s\": \"%s\" or leave '%s' out").formatted(name, claimed.get(), field, name, field));
        }
        return name;
    }
}
