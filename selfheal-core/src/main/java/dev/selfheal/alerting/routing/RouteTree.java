package dev.selfheal.alerting.routing;

import dev.selfheal.alerting.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route tree with Alertmanager's defaults at the root (group by component and
 * problem type, wait 30 s, interval 5 m, repeat 4 h). The root matches everything and must
 * name a receiver.
 */
public final class RouteTree {

    public static final List<String> DEFAULT_GROUP_BY = List.of("component", "problem_type");
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private final Route root;

    public RouteTree(Route root) {
        if (root.receiver().isEmpty()) {
            throw new IllegalArgumentException("route: the root route must name a receiver");
        }
        if (!root.matchers().isEmpty()) {
            throw new IllegalArgumentException("route: the root route matches every alert and cannot have matchers");
        }
        this.root = root;
    }

    /** Every receiver named anywhere in the tree. */
    public List<String> receivers() {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Route r, List<String> out) {
        r.receiver().ifPresent(out::add);
        r.children().forEach(c -> collect(c, out));
    }

    public Route root() {
        return root;
    }

    /** Where the alert goes; never empty (the root takes what no child does). */
    public List<RoutedTo> route(Map<String, String> labels) {
        List<RoutedTo> out = new ArrayList<>();
        RoutedTo rootSettings = new RoutedTo(root.name(), root.receiver().get(), root.groupBy().orElse(DEFAULT_GROUP_BY),
                root.groupWait().orElse(DEFAULT_GROUP_WAIT), root.groupInterval().orElse(DEFAULT_GROUP_INTERVAL),
                root.repeatInterval().orElse(DEFAULT_REPEAT_INTERVAL), root.escalationPolicy());
        descend(root, rootSettings, labels, out);
        return out;
    }

    private static boolean descend(Route node, RoutedTo inherited, Map<String, String> labels, List<RoutedTo> out) {
        boolean matchedChild = false;
        for (Route child : node.children()) {
            if (!Matcher.all(child.matchers(), labels)) {
                continue;
            }
            RoutedTo settings = new RoutedTo(inherited.path() + "/" + child.name(), child.receiver().orElse(inherited.receiver()),
                    child.groupBy().orElse(inherited.groupBy()), child.groupWait().orElse(inherited.groupWait()),
                    child.groupInterval().orElse(inherited.groupInterval()),
                    child.repeatInterval().orElse(inherited.repeatInterval()),
                    child.escalationPolicy().or(inherited::escalationPolicy));
            descend(child, settings, labels, out);
            matchedChild = true;
            if (!child.continueMatching()) {
                break;
            }
        }
        if (!matchedChild) {
            out.add(inherited);
        }
        return true;
    }

    /** A tree that sends everything to one receiver with the defaults. */
    public static RouteTree single(String receiver) {
        return new RouteTree(new Route("root", List.of(), Optional.of(receiver), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of()));
    }
}
