package dev.selfheal.server.security;

import dev.selfheal.server.config.SecurityConfig;
import dev.selfheal.server.config.SecurityConfig.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call what, decided before any handler runs.
 *
 * <ul>
 *   <li>Without tokens every request passes (the daemon then listens on loopback only).</li>
 *   <li>With tokens, {@code /api/**} (the console's data and live events included) and, unless
 *       {@code security.public-metrics}, {@code /metrics} need {@code Authorization: Bearer <token>}:
 *       401 without one or with an unknown one. {@code /healthz}, {@code /readyz} and the console's
 *       static files stay open: they hold nothing a token protects.</li>
 *   <li>Every mutating method (anything but GET, HEAD, OPTIONS) needs operator or admin, whatever
 *       the path, so a route added later is covered without a list to keep up; {@code /api/audit}
 *       needs admin. 403 when the role is too weak.</li>
 * </ul>
 * Every mutating call, allowed or not, goes to the {@link AuditLog} once it has an answer.
 */
public final class AccessFilter {

    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String BEARER = "bearer ";
    private static final String REALM = "Bearer realm=\"selfheal\"";

    private final SecurityConfig security;
    private final TokenAuthenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;

    public AccessFilter(SecurityConfig security, AuditLog audit, Clock clock) {
        this.security = security;
        this.authenticator = new TokenAuthenticator(security.tokens());
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean isMutating(HandlerType method) {
        return !READS.contains(method);
    }

    /** The role a request needs, or empty when it needs no token at all. */
    Optional<Role> required(HandlerType method, String path) {
        boolean api = path.equals("/api") || path.startsWith("/api/");
        boolean metrics = path.equals("/metrics") && !security.publicMetrics();
        if (!security.enabled() || !(api || metrics)) {
            return Optional.empty();
        }
        if (path.equals("/api/audit") || path.startsWith("/api/audit/")) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.of(isMutating(method) ? Role.OPERATOR : Role.VIEWER);
    }

    /** The before-handler: sets the {@link Principal} or refuses the request. */
    public void check(Context ctx) {
        Optional<Role> required = required(ctx.method(), ctx.path());
        if (required.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(ctx, "%s %s needs an API token: send the header 'Authorization: Bearer <token>'");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.substring(BEARER.length()).isBlank()) {
            throw unauthorized(ctx, "%s %s needs 'Authorization: Bearer <token>'; the Authorization header is not a bearer token");
        }
        Principal principal = authenticator.authenticate(header.substring(BEARER.length()).strip())
                .orElseThrow(() -> unauthorized(ctx, "%s %s: the bearer token is not one of the configured API tokens"));
        ctx.attribute(Principal.ATTRIBUTE, principal);
        if (!principal.role().atLeast(required.get())) {
            throw new AccessDenied(403, "forbidden", "token '%s' has role %s; %s %s needs %s".formatted(principal.name(),
                    principal.role().label(), ctx.method(), ctx.path(),
                    required.get() == Role.ADMIN ? "admin" : "operator or admin"));
        }
    }

    /** The after-handler: one audit entry for every mutating call, with its answer. */
    public void audit(Context ctx) {
        if (!isMutating(ctx.method())) {
            return;
        }
        Optional<Principal> principal = Principal.of(ctx);
        int status = ctx.statusCode();
        audit.record(new AuditEntry(clock.instant(), principal.map(Principal::name).orElse("anonymous"),
                principal.map(p -> p.role().label()).orElse(security.enabled() ? "none" : "local"),
                ctx.method().name().toUpperCase(Locale.ROOT), ctx.path(), status, AuditEntry.outcome(status)));
    }

    private static AccessDenied unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", REALM);
        return new AccessDenied(401, "unauthorized", detail.formatted(ctx.method(), ctx.path()));
    }
}
