package dev.selfheal.alerting;

import static dev.selfheal.alerting.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenAlertsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final OpenAlerts open = new OpenAlerts();

    @Test
    void a_repeat_finds_its_alert_by_fingerprint_and_the_api_by_id() {
        Alert a = alert("db", "process_down", AlertSeverity.CRITICAL, T0);
        open.add(a);
        assertThat(open.get(a.fingerprint())).isEqualTo(a);
        assertThat(open.byId(a.id())).isEqualTo(a);
        assertThat(open.knows(a.id())).isTrue();
        assertThat(open.get("other")).isNull();
        assertThat(open.byId("al-none")).isNull();
    }

    @Test
    void counts_open_alerts_per_component_until_the_last_one_closes() {
        Alert down = alert("db", "process_down", AlertSeverity.CRITICAL, T0);
        Alert slow = alert("db", "slow_queries", AlertSeverity.WARNING, T0);
        open.add(down);
        open.add(slow);
        assertThat(open.openIn("db")).isEqualTo(2);
        open.remove(down);
        assertThat(open.openIn("db")).isEqualTo(1);
        open.remove(slow);
        assertThat(open.openIn("db")).isZero();
        assertThat(open.knows(down.id())).isFalse();
        assertThat(open.all()).isEmpty();
    }

    @Test
    void a_status_change_its_status_does_not_allow_is_refused() {
        Alert a = alert("db", "process_down", AlertSeverity.CRITICAL, T0);
        open.add(a);
        Alert acked = a.acknowledged("ann", T0);
        open.replace(acked);
        assertThat(open.get(a.fingerprint()).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThatThrownBy(() -> open.replace(acked.with(AlertStatus.FIRING, T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from ACKNOWLEDGED to FIRING");
    }
}
