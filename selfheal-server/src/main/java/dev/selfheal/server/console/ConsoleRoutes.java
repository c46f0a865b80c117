package dev.selfheal.server.console;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web console: static files from {@code src/main/resources/console} at {@code /}, uPlot
 * from its WebJar at {@code /webjars/uplot/...}, and the headers that keep a browser from
 * running anything but those files. The console reads its data from {@code /api/**} with the
 * signed-in token and listens to {@link EventStream} at {@code /api/events}.
 */
public final class ConsoleRoutes {

    /**
     * Scripts and styles only from the daemon itself, no inline script, no framing: even if
     * some text were ever inserted as markup, a browser would not run it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ConsoleRoutes() { }

    /** Call inside {@code Javalin.create}: the console's files and the WebJars. */
    public static void serveStatic(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.staticFiles.enableWebjars();
    }

    /** Security headers on every answer (API and files); no CORS header, so other origins cannot read anything. */
    public static void secureHeaders(Javalin app) {
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
    }

    /** The headers every answer carries, also those written before Javalin sees the request (413). */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
}
