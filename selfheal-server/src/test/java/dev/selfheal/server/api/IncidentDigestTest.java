package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.server.config.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "last 24 h" digest: outcome of each incident, counts by outcome, time to recovery. */
class IncidentDigestTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    @Test
    void eachIncidentOfTheWindowHasItsOutcomeAndTheResolvedOnesGiveTheTimeToRecovery() {
        Incident healed = opened("inc-healed", "github", NOW.minusSeconds(3_600))
                .withEntry(NOW.minusSeconds(3_599), TimelineEntry.Kind.STEP_ENDED, "restart_service FAILED",
                        Map.of("action", "restart_service", "outcome", "FAILED"))
                .withEntry(NOW.minusSeconds(3_590), TimelineEntry.Kind.STEP_ENDED, "restart_service SUCCEEDED",
                        Map.of("action", "restart_service", "outcome", "SUCCEEDED"))
                .withState(IncidentState.MITIGATING, NOW.minusSeconds(3_599))
                .withState(IncidentState.RESOLVED, NOW.minusSeconds(3_580));         // 20 s
        Incident recovered = opened("inc-recovered", "slack", NOW.minusSeconds(600))
                .withState(IncidentState.RESOLVED, NOW.minusSeconds(540));            // 60 s, no action
        Incident escalated = opened("inc-escalated", "linear", NOW.minusSeconds(300)).withState(IncidentState.ESCALATED, NOW.minusSeconds(200));
        Incident open = opened("inc-open", "codegen", NOW.minusSeconds(5));
        Incident tooOld = opened("inc-old", "github", NOW.minus(Duration.ofHours(30))).withState(IncidentState.RESOLVED, NOW.minus(Duration.ofHours(29)));
        Incident oldButOpen = opened("inc-old-open", "disk", NOW.minus(Duration.ofHours(30))).withState(IncidentState.ESCALATED, NOW.minus(Duration.ofHours(29)));

        IncidentDigest.Digest d = IncidentDigest.of(List.of(tooOld, healed, open, recovered, escalated, oldButOpen), NOW,
                Duration.ofHours(24), 50, new SecretMasker(Set.of("s3cr3t-token")));

        assertThat(d.since()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(d.incidents()).extracting(IncidentDigest.Row::id)
                .as("newest first; an old incident shows only while it is unresolved")
                .containsExactly("inc-open", "inc-escalated", "inc-recovered", "inc-healed", "inc-old-open");
        assertThat(d.incidents()).extracting(IncidentDigest.Row::outcome)
                .containsExactly("open", "escalated", "recovered", "healed", "escalated");
        assertThat(d.counts()).containsExactly(Map.entry("healed", 1), Map.entry("recovered", 1), Map.entry("escalated", 2),
                Map.entry("open", 1));
        assertThat(d.total()).isEqualTo(5);
        assertThat(d.resolved()).isEqualTo(2);
        assertThat(d.recoveryMeanMs()).isEqualTo(40_000L);
        assertThat(d.recoveryMedianMs()).isEqualTo(40_000L);
        IncidentDigest.Row row = d.incidents().get(3);
        assertThat(row.recoveryMs()).isEqualTo(20_000L);
        assertThat(row.actions()).containsExactly("restart_service failed", "restart_service succeeded");
        assertThat(row.evidence()).as("secrets masked").doesNotContain("s3cr3t-token").contains("unreachable");
        assertThat(d.incidents().get(0).recoveryMs()).isNull();
    }

    @Test
    void nothingResolvedMeansNoTimeToRecoveryRatherThanZero() {
        IncidentDigest.Digest d = IncidentDigest.of(List.of(opened("inc-1", "github", NOW.minusSeconds(5))), NOW,
                Duration.ofHours(24), 50, SecretMasker.NONE);
        assertThat(d.recoveryMeanMs()).isNull();
        assertThat(d.recoveryMedianMs()).isNull();
        assertThat(IncidentDigest.of(List.of(), NOW, Duration.ofHours(1), 50, SecretMasker.NONE).total()).isZero();
    }

    private static Incident opened(String id, String component, Instant at) {
        return Incident.open(id, new Problem(new ProblemType("simulator_down"), component, Severity.HIGH,
                component + ": unreachable with token s3cr3t-token", "health", at));
    }
}
