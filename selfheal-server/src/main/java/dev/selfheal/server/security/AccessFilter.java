package dev.selfheal.server.security;

import dev.selfheal.server.config.SecurityConfig;
import dev.selfheal.server.config.SecurityConfig.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call what, decided before any handler runs.
 *
 * <ul>
 *   <li>Without tokens every request passes (the daemon then listens on loopback only).</li>
 *   <li>With tokens, every path needs {@code Authorization: Bearer <token>} (401 without one or with
 *       an unknown one) except a short list that holds nothing a token protects: {@code /healthz},
 *       {@code /readyz}, the console's static files ({@code /}, {@code /js/}, {@code /css/},
 *       {@code /webjars/}) and, with {@code security.public-metrics}, {@code /metrics}. Deny by
 *       default: an endpoint added later is protected without anyone remembering to.</li>
 *   <li>A path spelt oddly (dot segments, encoded dots or slashes, empty segments, {@code ;}
 *       parameters, backslashes) is refused with 400 before anything else, so no spelling can
 *       reach a handler while looking like an open path to this filter.</li>
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
    private static final Set<String> OPEN = Set.of("/", "/index.html", "/healthz", "/readyz");
    private static final List<String> OPEN_PREFIXES = List.of("/js/", "/css/", "/webjars/");
    private static final Pattern ODD_PATH = Pattern.compile("(?i)//|/\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\|;");

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
        if (!security.enabled()) {
            return Optional.empty();
        }
        boolean open = OPEN.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith)
                || (path.equals("/metrics") && security.publicMetrics());
        if (open && !isMutating(method)) {
            return Optional.empty();
        }
        if (path.equals("/api/audit") || path.startsWith("/api/audit/")) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.of(isMutating(method) ? Role.OPERATOR : Role.VIEWER);
    }

    /** The before-handler: sets the {@link Principal} or refuses the request. */
    public void check(Context ctx) {
        if (ODD_PATH.matcher(ctx.path()).find()) {
            throw new AccessDenied(400, "bad_request", "the path must be plain: no '.' or '..' segments, empty segments, "
                    + "';' parameters, backslashes, or encoded '.', '/' or '\\'");
        }
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
