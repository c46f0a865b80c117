package dev.selfheal.alerting.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where a route tree sent an alert: the receiver, how to group, the timings, and the escalation policy. */
public record RoutedTo(String path, String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                       Duration repeatInterval, Optional<String> escalationPolicy) {

    public RoutedTo {
        groupBy = List.copyOf(groupBy);
    }
}
