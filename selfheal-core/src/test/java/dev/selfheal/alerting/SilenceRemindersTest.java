package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.rules.Silence;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SilenceRemindersTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final VirtualScheduler clock = new VirtualScheduler(T0);
    private final Silences silences = new Silences(clock, new EventBus(), new InMemoryAlertStore(), Duration.ofMinutes(15));
    private final RouteTree routes = new RouteTree(Route.to("root", "ops").withChildren(List.of(
            Route.to("data", "data-team", Matcher.parse("team=data")))));

    private SilenceExpiring expiring(String... matchers) {
        Silence s = silences.add(List.of(matchers).stream().map(Matcher::parse).toList(), T0, T0.plus(Duration.ofHours(1)),
                "ann", "migration");
        return new SilenceExpiring(s.id(), s.createdBy(), s.comment(), s.endsAt(), T0.plus(Duration.ofMinutes(45)));
    }

    @Test
    void a_silence_reminds_the_receivers_of_the_routes_its_matchers_select() {
        List<Notification> n = new SilenceReminders(Optional.empty(), silences, routes).reminders(expiring("team=data"));
        assertThat(n).extracting(Notification::receiver).containsExactly("data-team");
        assertThat(n.getFirst().kind()).isEqualTo(Notification.Kind.SILENCE_EXPIRING);
        assertThat(n.getFirst().note()).contains("by ann ends at").endsWith(": migration");
    }

    @Test
    void a_silence_whose_matchers_select_no_route_reminds_the_root() {
        List<Notification> n = new SilenceReminders(Optional.empty(), silences, routes).reminders(expiring("component=~web.*"));
        assertThat(n).extracting(Notification::receiver).containsExactly("ops");
    }

    @Test
    void a_configured_reminder_receiver_hears_every_reminder() {
        List<Notification> n = new SilenceReminders(Optional.of("oncall"), silences, routes).reminders(expiring("team=data"));
        assertThat(n).extracting(Notification::receiver).containsExactly("oncall");
    }
}
