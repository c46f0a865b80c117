package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a silence's reminder goes (before it ends, {@code silence-reminder}), on a virtual clock. */
class SilenceReminderTest {

    private final PipelineFixture f = new PipelineFixture();

    /** Root to "oncall"; alerts of team data to "data"; database alerts also (continue) to "dba". */
    private static RouteTree teams() {
        return new RouteTree(Route.to("root", "oncall").withChildren(List.of(
                Route.to("data", "data", Matcher.parse("team=data")).continuing(),
                Route.to("dba", "dba", Matcher.parse("component=db")))));
    }

    private void silenceForAnHour(String... matchers) {
        f.alerts.silences().add(List.of(matchers).stream().map(Matcher::parse).toList(), f.clock.now(),
                f.clock.now().plus(Duration.ofHours(1)), "alice", "migrating the database");
    }

    @Test
    void a_reminder_goes_to_the_receivers_of_the_routes_the_silence_selects() {
        // Given a silence on the data team's database
        f.build(teams());
        silenceForAnHour("team=data", "component=db");
        // When it is 15 minutes from its end
        f.advance(Duration.ofMinutes(44));
        assertThat(f.channel("data").sent(Notification.Kind.SILENCE_EXPIRING)).isEmpty();
        f.advance(Duration.ofMinutes(1));
        // Then the data team and the DBAs are reminded, not the root's on-call
        assertThat(f.channel("data").sent(Notification.Kind.SILENCE_EXPIRING)).singleElement()
                .satisfies(n -> assertThat(n.title()).contains("alice").contains("migrating the database"));
        assertThat(f.channel("dba").sent(Notification.Kind.SILENCE_EXPIRING)).hasSize(1);
        assertThat(f.channel("oncall").sent(Notification.Kind.SILENCE_EXPIRING)).isEmpty();
    }

    @Test
    void a_silence_whose_matchers_select_no_route_reminds_the_root_receiver() {
        // regex matchers name no single label value: the root route is all that is selected
        f.build(teams());
        silenceForAnHour("component=~batch-.*");
        f.advance(Duration.ofMinutes(45));
        assertThat(f.channel("oncall").sent(Notification.Kind.SILENCE_EXPIRING)).hasSize(1);
        assertThat(f.channel("data").sent()).isEmpty();
    }

    @Test
    void a_configured_reminder_receiver_gets_every_reminder() {
        f.build(teams(), b -> b.settings(AlertingSettings.DEFAULT.withReminderReceiver("ops")), Receiver.of("ops", f.channel("ops")));
        silenceForAnHour("team=data", "component=db");
        f.advance(Duration.ofMinutes(45));
        assertThat(f.channel("ops").sent(Notification.Kind.SILENCE_EXPIRING)).hasSize(1);
        assertThat(f.channel("data").sent()).isEmpty();
        assertThat(f.channel("dba").sent()).isEmpty();
    }

    @Test
    void a_reminder_receiver_that_is_not_defined_is_refused_naming_the_receivers() {
        assertThatThrownBy(() -> f.build(teams(), b -> b.settings(AlertingSettings.DEFAULT.withReminderReceiver("nobody"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reminder-receiver names receiver 'nobody', which is not defined; receivers:")
                .hasMessageContaining("oncall");
    }
}
