package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selfheal.demo.orchestrator.Account;
import dev.selfheal.demo.orchestrator.EventLedger;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.orchestrator.Step;
import dev.selfheal.demo.orchestrator.StepState;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.integrations.webhooks.GitHubWebhookVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo for real, shortened: the daemon, four simulator child processes, the orchestrator at
 * 10 events/s for 20 s; in the middle the Linear simulator really crashes (its JVM halts) and
 * selfheal's own restart_service brings it back. At the end every event is accounted for, none
 * applied twice: checked against the ledger and against each simulator's own applications.
 */
class DemoRunTest {

    private static final String GITHUB_TOKEN = "ghp_demoRunTestSecret0123456789";
    private static final String WEBHOOK_SECRET = "whsec-demo-run-test";

    @TempDir
    Path data;

    @Test
    void aSimulatorCrashingMidRunIsRestartedBySelfhealAndEveryEventIsAccountedForOnce() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed, true);
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "GITHUB_WEBHOOK_SECRET", WEBHOOK_SECRET));
        DemoOptions options = new DemoOptions(0, 0, data, Optional.of(Duration.ofSeconds(20)), 10, false, 7, Duration.ofSeconds(120));

        try (DemoRun run = new DemoRun(options, env, out)) {
            run.start();
            SimulatorAdmin linear = run.simulators().get(Api.LINEAR);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(6_000);
                    linear.inject("{\"mode\":\"crash\",\"exit_code\":3}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            webhooksAreCheckedBeforeAnythingIsProcessed(run);

            await("selfheal restarts the crashed simulator").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run.restarts() >= 1 && linear.isUp());
            run.awaitEnd(Duration.ofSeconds(3));
            Account account = run.finish();
            run.printAccount();

            assertThat(account.lost()).as(printed.toString()).isZero();
            assertThat(account.duplicated()).isZero();
            assertThat(account.parked()).isZero();
            assertThat(account.done()).isEqualTo(account.events());
            assertThat(account.events()).isGreaterThanOrEqualTo(100);
            assertThat(account.replayed()).as("the crash made some steps wait in the outbox").isPositive();
            assertThat(printed.toString()).contains(account.resultLine()).contains("RESULT events=");

            // the ledger's own view, then each simulator's
            List<EventLedger.EventSteps> ledger = run.ledger().all();
            assertThat(ledger).hasSize((int) account.events());
            assertThat(ledger).allSatisfy(e -> assertThat(e.states.values())
                    .hasSize(Step.values().length).isSubsetOf(StepState.DONE, StepState.REPLAYED));
            for (Api api : Api.values()) {
                SimulatorAdmin.Applications apps = run.simulators().get(api).applications();
                assertThat(apps.appliedMoreThanOnce()).as(api + " applied_more_than_once").isZero();
                for (EventLedger.EventSteps e : ledger) {
                    Step step = Stream.of(Step.values()).filter(s -> s.integration().equals(api.cliName())).findFirst().orElseThrow();
                    assertThat(apps.appliedByKey().get(step.key(e.eventId))).as(step.key(e.eventId)).isEqualTo(1);
                }
            }
            assertThat(Files.readString(data.resolve("selfheal-demo.yaml"))).doesNotContain(GITHUB_TOKEN);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(printed.toString()).doesNotContain(GITHUB_TOKEN);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(GITHUB_TOKEN));
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            for (Path log : files.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(GITHUB_TOKEN);
            }
        }
    }

    private static void webhooksAreCheckedBeforeAnythingIsProcessed(DemoRun run) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI github = URI.create("http://127.0.0.1:" + run.webhookPort() + "/webhooks/github");
        byte[] body = """
                {"action":"opened","number":17,"pull_request":{"number":17,"title":"Webhook PR","user":{"login":"octocat"}},
                 "repository":{"full_name":"acme/contexten"}}""".getBytes(StandardCharsets.UTF_8);
        String signature = new GitHubWebhookVerifier(WEBHOOK_SECRET).sign(body);
        long before = run.ledger().eventCount();

        HttpResponse<String> tampered = http.send(post(github, "d-1", new GitHubWebhookVerifier("wrong").sign(body), body),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unsigned = http.send(post(github, "d-2", null, body), HttpResponse.BodyHandlers.ofString());
        byte[] broken = "{\"action\":".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> malformed = http.send(post(github, "d-3", new GitHubWebhookVerifier(WEBHOOK_SECRET).sign(broken), broken),
                HttpResponse.BodyHandlers.ofString());
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> oversized = http.send(post(github, "d-4", new GitHubWebhookVerifier(WEBHOOK_SECRET).sign(huge), huge),
                HttpResponse.BodyHandlers.ofString());

        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");
        assertThat(oversized.statusCode()).isEqualTo(413);

        HttpResponse<String> good = http.send(post(github, "d-5", signature, body), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(post(github, "d-5", signature, body), HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).as("a repeated delivery is taken once").isEqualTo(200);
        assertThat(run.ledger().all()).extracting(e -> e.eventId).contains("gh-d-5").doesNotContain("gh-d-1", "gh-d-2", "gh-d-3", "gh-d-4");
        assertThat(run.ledger().eventCount()).isGreaterThan(before);
    }

    private static HttpRequest post(URI uri, String delivery, String signature, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return b.build();
    }
}
