package dev.selfheal.alerting.routing;

import dev.selfheal.alerting.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the route tree, as in Alertmanager: an alert enters at the root, descends into
 * the first child whose matchers match (and into later siblings too when that child says
 * {@code continueMatching}); where no child matches, the node itself takes it. Unset fields
 * are inherited from the parent.
 */
public record Route(String name, List<Matcher> matchers, Optional<String> receiver, Optional<List<String>> groupBy,
                    Optional<Duration> groupWait, Optional<Duration> groupInterval, Optional<Duration> repeatInterval,
                    Optional<String> escalationPolicy, boolean continueMatching, List<Route> children) {

    public Route {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        groupBy = groupBy.map(List::copyOf);
        children = List.copyOf(children);
    }

    /** A leaf that sends everything matching to {@code receiver}. */
    public static Route to(String name, String receiver, Matcher... matchers) {
        return new Route(name, List.of(matchers), Optional.of(receiver), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of());
    }

    public Route withChildren(List<Route> more) {
        return new Route(name, matchers, receiver, groupBy, groupWait, groupInterval, repeatInterval, escalationPolicy,
                continueMatching, more);
    }

    public Route continuing() {
        return new Route(name, matchers, receiver, groupBy, groupWait, groupInterval, repeatInterval, escalationPolicy,
                true, children);
    }

    public Route withTimings(Duration wait, Duration interval, Duration repeat) {
        return new Route(name, matchers, receiver, groupBy, Optional.of(wait), Optional.of(interval), Optional.of(repeat),
                escalationPolicy, continueMatching, children);
    }

    public Route groupedBy(List<String> labels) {
        return new Route(name, matchers, receiver, Optional.of(labels), groupWait, groupInterval, repeatInterval,
                escalationPolicy, continueMatching, children);
    }

    public Route escalatingBy(String policy) {
        return new Route(name, matchers, receiver, groupBy, groupWait, groupInterval, repeatInterval, Optional.of(policy),
                continueMatching, children);
    }
}
