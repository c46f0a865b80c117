package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A generic action that calls a webhook with the JDK HttpClient; success is a 2xx answer. */
public final class HttpAction implements RecoveryAction {

    private static final int KEEP_CHARS = 2000;

    private final String name;
    private final HttpHookSpec spec;
    private final HttpClient client;

    public HttpAction(String name, HttpHookSpec spec) {
        this.name = name;
        this.spec = spec;
        this.client = HttpClient.newBuilder().connectTimeout(spec.timeout()).build();
    }

    @Override public String name() { return name; }
    @Override public Risk risk() { return Risk.MEDIUM; }
    @Override public Duration timeout() { return spec.timeout().plusSeconds(5); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        String body = spec.body().replace("${incident}", context.incidentId()).replace("${component}", context.component());
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.uri()).timeout(spec.timeout())
                .method(spec.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        spec.headers().forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String answer = response.body() == null ? "" : response.body();
        answer = answer.length() > KEEP_CHARS ? answer.substring(0, KEEP_CHARS) : answer;
        Map<String, String> details = Map.of("status", Integer.toString(response.statusCode()), "body", answer);
        String line = "%s %s -> %d".formatted(spec.method(), spec.uri(), response.statusCode());
        return response.statusCode() / 100 == 2 ? ActionResult.ok(line, details) : ActionResult.failed(line + ": " + answer, details);
    }
}
