package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.demo.orchestrator.StepState;
import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.status.BreakerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the demo's terminal says about healing: one line per incident, the live table, lines redrawn in place. */
class HealingStoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:01:03Z");
    private final List<String> lines = new ArrayList<>();
    private final EventBus bus = new EventBus();
    private final HealingStory story = new HealingStory((at, text) -> lines.add(at + " " + text), "demo-registry");

    @Test
    void aCrashHealedByARestartIsOneLineWithTheStepAndTheVerification() {
        story.subscribe(bus);
        bus.publish(new IncidentOpened("inc-1", "slack", problem("slack",
                "3 consecutive failures (threshold 3): slack: not probed (breaker open); last answer: slack: unreachable: java.net.ConnectException"),
                T0));
        bus.publish(new IncidentStateChanged("inc-1", "slack", IncidentState.OPEN, IncidentState.MITIGATING, T0.plusMillis(100), "plan"));
        assertThat(story.open()).singleElement().satisfies(o -> assertThat(o.doing()).isEqualTo("acting"));
        assertThat(lines).as("nothing is printed while it is being healed").isEmpty();

        bus.publish(new RecoveryStepEnded("inc-1", "slack", "restart_service", "SUCCEEDED", Duration.ofMillis(21), "started",
                T0.plusMillis(600)));
        assertThat(story.open()).singleElement().satisfies(o -> assertThat(o.doing()).isEqualTo("verifying after restart_service"));
        bus.publish(new IncidentStateChanged("inc-1", "slack", IncidentState.MITIGATING, IncidentState.RESOLVED, T0.plusMillis(2_900),
                "verified"));

        assertThat(lines).containsExactly(T0 + " slack simulator down (refused connections) → restart_service 21 ms"
                + " → verified 2.3 s later · recovered in 2.9 s");
        assertThat(story.open()).isEmpty();
        assertThat(story.resolved()).isEqualTo(1);
        assertThat(story.restarts("slack")).isEqualTo(1);
        assertThat(story.restarts("github")).isZero();
    }

    @Test
    void aFailedStepAndAnEscalationAreSaidAsSuch() {
        story.subscribe(bus);
        bus.publish(new IncidentOpened("inc-2", "github", problem("github", "github: probe timed out after 3 s"), T0));
        bus.publish(new RecoveryStepEnded("inc-2", "github", "restart_service", "TIMED_OUT", Duration.ofSeconds(65), "no answer",
                T0.plusSeconds(66)));
        bus.publish(new IncidentStateChanged("inc-2", "github", IncidentState.MITIGATING, IncidentState.ESCALATED, T0.plusSeconds(70),
                "every action failed"));

        assertThat(lines).containsExactly(T0.plusSeconds(70) + " github simulator down (stopped answering)"
                + " → restart_service timed out after 1 min 5 s → escalated: every action failed");
        assertThat(story.escalated()).isEqualTo(1);
        assertThat(story.open()).singleElement().satisfies(o -> assertThat(o.doing()).contains("waiting for a person"));
        assertThat(story.restarts("github")).as("a restart that did not succeed is not counted").isZero();
    }

    @Test
    void onlyTheDemosOwnBreakersAreTold() {
        story.subscribe(bus);
        bus.publish(new BreakerStateChanged("github", "demo-registry", BreakerState.CLOSED, BreakerState.OPEN, T0));
        bus.publish(new BreakerStateChanged("github", "demo-registry", BreakerState.OPEN, BreakerState.HALF_OPEN, T0.plusSeconds(5)));
        bus.publish(new BreakerStateChanged("github", "demo-registry", BreakerState.HALF_OPEN, BreakerState.OPEN, T0.plusSeconds(6)));
        bus.publish(new BreakerStateChanged("github", "demo-registry", BreakerState.HALF_OPEN, BreakerState.CLOSED, T0.plusSeconds(11)));
        bus.publish(new BreakerStateChanged("notify-log", "daemon", BreakerState.CLOSED, BreakerState.OPEN, T0));

        assertThat(lines).containsExactly(
                T0 + " github breaker open: its calls wait in the outbox",
                T0.plusSeconds(11) + " github breaker closed: replaying its outbox");
    }

    @Test
    void theCauseIsAFewWordsNotTheWholeEvidence() {
        assertThat(HealingStory.cause("x: unreachable: java.net.ConnectException")).isEqualTo("refused connections");
        assertThat(HealingStory.cause("linear answered 401: credentials rejected")).isEqualTo("credentials rejected");
        assertThat(HealingStory.cause("3 consecutive failures: disk: only 2 % free")).isEqualTo("only 2 % free");
        assertThat(HealingStory.cause("")).isEmpty();
    }

    @Test
    void theBoardShowsEachServiceAndWhatTheLoopIsDoing() {
        StatusBoard.Snapshot s = new StatusBoard.Snapshot(T0.plusSeconds(4), Duration.ofSeconds(35), 291, 7,
                Map.of(StepState.DONE, 382L, StepState.PARKED, 11L),
                List.of(new StatusBoard.Service("github", "UNHEALTHY", "OPEN", 12, 1), new StatusBoard.Service("slack", "HEALTHY", "CLOSED", 0, 0)),
                List.of(new HealingStory.Open("inc-1", "github", "simulator_down", T0, "verifying after restart_service")),
                2, 0, 0, "normal", "http://127.0.0.1:8080/", "/tmp/d/logs/selfheal.log");

        assertThat(StatusBoard.table(s)).hasSize(7).satisfies(t -> {
            assertThat(t.get(0)).contains("after 35 s: 291 events (7 in flight)").contains("382 done, 11 parked");
            assertThat(t.get(2)).matches("\\s+github\\s+UNHEALTHY\\s+open\\s+12\\s+1");
            assertThat(t.get(4)).contains("github simulator down for 4 s: verifying after restart_service (2 healed, 0 escalated)");
            assertThat(t.get(6)).contains("http://127.0.0.1:8080/").contains("/tmp/d/logs/selfheal.log");
        });
        assertThat(StatusBoard.line(s)).contains("github=UNHEALTHY/OPEN outbox 12, slack=HEALTHY |");
    }

    @Test
    void aLiveTerminalRedrawsTheTableUnderNewLinesAndAPipeGetsOneLine() {
        StringWriter text = new StringWriter();
        DemoTerminal live = new DemoTerminal(new PrintWriter(text), true, ZoneOffset.UTC);
        live.status(List.of("a", "b"), "summary");
        live.event(T0, "slack breaker open");
        live.status(List.of("c", "d"), "summary");

        String esc = "\u001b[";
        assertThat(text.toString()).isEqualTo(
                esc + "?7la\nb\n" + esc + "?7h"
                        + esc + "2F" + esc + "J" + "12:01:03  slack breaker open\n" + esc + "?7la\nb\n" + esc + "?7h"
                        + esc + "2F" + esc + "J" + esc + "?7lc\nd\n" + esc + "?7h");

        StringWriter piped = new StringWriter();
        DemoTerminal plain = new DemoTerminal(new PrintWriter(piped), false, ZoneOffset.UTC);
        plain.status(List.of("a", "b"), "summary");
        plain.event(T0, "slack breaker open");
        assertThat(piped.toString()).isEqualTo("summary\n12:01:03  slack breaker open\n");
    }

    private static Problem problem(String component, String evidence) {
        return new Problem(new ProblemType("simulator_down"), component, Severity.HIGH, evidence, "health", T0);
    }
}
