package dev.selfheal.alerting.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.alerting.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTreeTest {

    private final RouteTree tree = new RouteTree(Route.to("root", "default").withChildren(List.of(
            Route.to("db", "dba", Matcher.parse("component=~db-.*")).withTimings(Duration.ofSeconds(5), Duration.ofMinutes(1),
                    Duration.ofHours(1)).withChildren(List.of(Route.to("db-pager", "pagerduty", Matcher.parse("severity=emergency")))),
            Route.to("critical", "pagerduty", Matcher.parse("severity=critical")).continuing(),
            Route.to("all-critical-to-slack", "slack", Matcher.parse("severity=critical")))));

    @Test
    void an_alert_goes_to_the_first_matching_child_and_the_deepest_match_wins() {
        List<RoutedTo> r = tree.route(Map.of("component", "db-1", "severity", "emergency"));
        assertThat(r).singleElement().satisfies(t -> {
            assertThat(t.receiver()).isEqualTo("pagerduty");
            assertThat(t.path()).isEqualTo("root/db/db-pager");
            assertThat(t.groupWait()).isEqualTo(Duration.ofSeconds(5)); // inherited from db
        });
    }

    @Test
    void continue_lets_later_siblings_match_too_and_the_root_takes_the_rest() {
        assertThat(tree.route(Map.of("component", "api", "severity", "critical"))).extracting(RoutedTo::receiver)
                .containsExactly("pagerduty", "slack");
        assertThat(tree.route(Map.of("component", "api", "severity", "warning"))).extracting(RoutedTo::receiver)
                .containsExactly("default");
        assertThat(tree.receivers()).containsExactly("default", "dba", "pagerduty", "pagerduty", "slack");
    }

    @Test
    void matchers_are_parsed_with_their_mistakes_named() {
        assertThat(Matcher.parse("env!=\"prod\"").matches(Map.of("env", "dev"))).isTrue();
        assertThat(Matcher.parse("team!~ops|sre").matches(Map.of("team", "sre"))).isFalse();
        assertThat(Matcher.parse("missing=").matches(Map.of())).isTrue();
        assertThatThrownBy(() -> Matcher.parse("severity")).hasMessageContaining("has no operator");
        assertThatThrownBy(() -> Matcher.parse("a=~(")).hasMessageContaining("not a valid regular expression");
    }
}
