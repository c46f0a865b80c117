// Longer than 400 lines on purpose: the alerting section's parts (receivers, routes, maintenance
// windows, severity rules, on-call schedules, escalation policies) refer to each other and are
// checked together once all are read; each part reads in a few lines through MappingReader.
package dev.selfheal.server.config;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.AlertingSettings;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Urgency;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.rules.BusinessHours;
import dev.selfheal.alerting.rules.CronExpression;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.SeverityRule;
import dev.selfheal.alerting.rules.SeverityRules;
import dev.selfheal.escalation.EscalationAction;
import dev.selfheal.escalation.EscalationLevel;
import dev.selfheal.escalation.EscalationPolicy;
import dev.selfheal.escalation.OnCallSchedule;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.server.config.AlertingConfig.ChannelSpec;
import dev.selfheal.server.config.AlertingConfig.ReceiverConfig;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the {@code alerting:} section (see docs/alerting.md). Every problem names its key
 * path and line; references between parts (a route's receiver, a fallback, a policy's
 * schedule, a person's receiver) are checked once everything is read.
 */
final class AlertingConfigReader {

    private AlertingConfigReader() { }

    static AlertingConfig read(MappingReader top) {
        if (!top.has("alerting")) {
            return AlertingConfig.defaults();
        }
        MappingReader m = top.section("alerting");
        AlertingSettings d = AlertingSettings.DEFAULT;
        AlertingSettings settings = guard(m, "healing-grace", () -> new AlertingSettings(
                m.duration("healing-grace", d.healingGrace(), Duration.ZERO),
                m.integer("flap-threshold", d.flapThreshold(), 1, 1_000),
                m.duration("flap-window", d.flapWindow(), Duration.ofSeconds(1)),
                m.duration("silence-reminder", d.silenceReminder(), Duration.ZERO),
                m.duration("reevaluate-every", d.reevaluateEvery(), Duration.ofSeconds(1)))).orElse(d);
        MappingReader delivery = m.section("delivery");
        Dispatcher.Settings deliverySettings = new Dispatcher.Settings(delivery.integer("max-attempts", 3, 1, 20),
                delivery.duration("initial-backoff", Duration.ofSeconds(1), Duration.ofMillis(1)));
        delivery.rejectUnknownKeys();

        Set<String> receiverNames = new java.util.LinkedHashSet<>();
        Map<String, String> fallbacks = new LinkedHashMap<>();
        List<ReceiverConfig> receivers = receivers(m, receiverNames, fallbacks);
        fallbacks.forEach((name, f) -> {
            if (!receiverNames.contains(f)) {
                m.problem("receivers", "receiver '%s' falls back to '%s', which is not a receiver".formatted(name, f));
            }
        });
        Optional<String> reminderReceiver = m.text("reminder-receiver");
        if (reminderReceiver.isPresent() && !receiverNames.contains(reminderReceiver.get())) {
            m.problem("reminder-receiver", "no receiver named '%s'; receivers: %s".formatted(reminderReceiver.get(),
                    String.join(", ", receiverNames)));
        } else if (reminderReceiver.isPresent()) {
            settings = settings.withReminderReceiver(reminderReceiver.get());
        }
        Route route = m.has("route") ? route(m.section("route"), "root", true, receiverNames).orElse(null) : null;
        if (route == null) {
            if (receivers.isEmpty()) {
                receivers = AlertingConfig.defaults().receivers();
                route = Route.to("root", "log");
            } else {
                route = Route.to("root", receivers.get(0).name());
            }
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        MappingReader deps = m.section("dependencies");
        for (String component : deps.keys()) {
            dependencies.put(component, deps.textList(component));
        }
        List<MaintenanceWindow> maintenance = new ArrayList<>();
        for (MappingReader w : m.mappings("maintenance")) {
            window(w).ifPresent(maintenance::add);
        }
        SeverityRules severity = severity(m.section("severity"));
        List<OnCallSchedule> schedules = new ArrayList<>();
        for (MappingReader s : m.mappings("schedules")) {
            schedule(s).ifPresent(schedules::add);
        }
        Map<String, String> people = m.textMap("people");
        people.forEach((person, receiver) -> {
            if (!receiverNames.contains(receiver)) {
                m.problem("people", "person '%s' is reached through receiver '%s', which is not a receiver".formatted(person, receiver));
            }
        });
        Set<String> scheduleNames = new HashSet<>();
        schedules.forEach(s -> scheduleNames.add(s.name()));
        List<EscalationPolicy> policies = new ArrayList<>();
        for (MappingReader p : m.mappings("escalation-policies")) {
            policy(p, scheduleNames, receiverNames).ifPresent(policies::add);
        }
        Optional<String> defaultPolicy = m.text("default-escalation");
        defaultPolicy.filter(name -> policies.stream().noneMatch(p -> p.name().equals(name))).ifPresent(name ->
                m.problem("default-escalation", "no escalation policy named '%s'".formatted(name)));
        for (OnCallSchedule s : schedules) {
            for (String person : s.participants()) {
                if (!people.containsKey(person)) {
                    m.problem("schedules", "schedule '%s': participant '%s' has no receiver under alerting.people".formatted(s.name(), person));
                }
            }
        }
        m.rejectUnknownKeys();
        return new AlertingConfig(settings, deliverySettings, receivers, route, dependencies, maintenance, severity, schedules,
                people, policies, defaultPolicy);
    }

    /** Declared names (even of receivers with mistakes, so references to them are not reported twice) go to {@code seen}. */
    private static List<ReceiverConfig> receivers(MappingReader m, Set<String> seen, Map<String, String> fallbacks) {
        List<ReceiverConfig> out = new ArrayList<>();
        for (MappingReader r : m.mappings("receivers")) {
            Optional<String> name = r.requiredText("name");
            name.filter(n -> !seen.add(n)).ifPresent(n -> r.problem("name", "duplicate receiver name '%s'".formatted(n)));
            Optional<String> type = r.requiredText("type").map(t -> t.toLowerCase(Locale.ROOT));
            type.filter(t -> !AlertingConfig.CHANNEL_TYPES.contains(t)).ifPresent(t -> r.problem("type",
                    "unknown receiver type '%s'%s; known types: %s".formatted(t,
                            Suggestions.closest(t, AlertingConfig.CHANNEL_TYPES).map(s -> " (did you mean '" + s + "'?)").orElse(""),
                            String.join(", ", AlertingConfig.CHANNEL_TYPES))));
            int rate = r.integer("rate-per-minute", 0, 0, 100_000);
            Optional<String> fallback = r.text("fallback");
            if (name.isPresent() && fallback.isPresent() && !fallback.get().equals(name.get())) {
                fallbacks.put(name.get(), fallback.get());
            }
            Optional<ChannelSpec> spec = type.filter(AlertingConfig.CHANNEL_TYPES::contains).flatMap(t -> channel(t, r));
            if (type.filter(AlertingConfig.CHANNEL_TYPES::contains).isPresent()) {
                r.rejectUnknownKeys();
            }
            if (name.isPresent() && spec.isPresent()) {
                if (fallback.filter(name.get()::equals).isPresent()) {
                    r.problem("fallback", "a receiver cannot fall back to itself");
                    fallback = Optional.empty();
                }
                out.add(new ReceiverConfig(name.get(), spec.get(), rate, fallback));
            }
        }
        return out;
    }

    private static Optional<ChannelSpec> channel(String type, MappingReader r) {
        return switch (type) {
            case "slack-webhook" -> requiredSecret(r, "url").map(ChannelSpec.SlackWebhook::new);
            case "slack" -> {
                URI api = uri(r, "api-url").orElse(URI.create("https://slack.com/api/"));
                Optional<Secret> token = requiredSecret(r, "token");
                Optional<String> channel = r.requiredText("channel");
                yield token.isPresent() && channel.isPresent() ? Optional.of(new ChannelSpec.Slack(api, token.get(), channel.get()))
                        : Optional.empty();
            }
            case "pagerduty" -> {
                URI url = uri(r, "url").orElse(URI.create("https://events.pagerduty.com/v2/enqueue"));
                yield requiredSecret(r, "routing-key").map(k -> new ChannelSpec.PagerDuty(url, k));
            }
            case "webhook" -> {
                Optional<URI> url = requiredUri(r, "url");
                Optional<Secret> key = r.secret("hmac-key");
                Map<String, String> headers = r.textMap("headers");
                yield url.map(u -> new ChannelSpec.Webhook(u, key, headers));
            }
            case "email" -> {
                Optional<String> host = r.requiredText("host");
                int port = r.integer("port", 587, 1, 65_535);
                boolean startTls = r.bool("starttls", true);
                Optional<String> user = r.text("username").filter(s -> !s.isEmpty());
                Optional<Secret> password = r.secret("password");
                Optional<String> from = r.requiredText("from");
                List<String> to = r.textList("to");
                if (to.isEmpty()) {
                    r.problem("to", "needs at least one address");
                }
                List<String> trust = r.textList("trust-hosts");
                yield host.isPresent() && from.isPresent() && !to.isEmpty() ? Optional.of(new ChannelSpec.Email(host.get(), port,
                        startTls, user, password, from.get(), to, trust)) : Optional.empty();
            }
            case "alertmanager" -> requiredUri(r, "url").map(ChannelSpec.Alertmanager::new);
            default -> Optional.of(new ChannelSpec.Log());
        };
    }

    private static Optional<Route> route(MappingReader r, String name, boolean root, Set<String> receivers) {
        List<Matcher> matchers = matchers(r, "match");
        if (root && !matchers.isEmpty()) {
            r.problem("match", "the root route matches every alert and cannot have matchers");
        }
        Optional<String> receiver = r.text("receiver");
        if (root && receiver.isEmpty()) {
            r.missing("receiver");
        }
        receiver.filter(x -> !receivers.contains(x)).ifPresent(x -> r.problem("receiver",
                "no receiver named '%s'; receivers: %s".formatted(x, String.join(", ", receivers))));
        Optional<List<String>> groupBy = r.has("group-by") ? Optional.of(r.textList("group-by")) : Optional.empty();
        Optional<Duration> wait = r.optionalDuration("group-wait", Duration.ZERO);
        Optional<Duration> interval = r.optionalDuration("group-interval", Duration.ofSeconds(1));
        Optional<Duration> repeat = r.optionalDuration("repeat-interval", Duration.ofSeconds(1));
        Optional<String> escalation = r.text("escalation");
        boolean cont = r.bool("continue", false);
        String routeName = r.text("name", name);
        List<Route> children = new ArrayList<>();
        List<MappingReader> childReaders = r.mappings("routes");
        for (int i = 0; i < childReaders.size(); i++) {
            route(childReaders.get(i), routeName.equals("root") ? "route-" + i : routeName + "-" + i, false, receivers)
                    .ifPresent(children::add);
        }
        r.rejectUnknownKeys();
        return Optional.of(new Route(routeName, matchers, receiver, groupBy, wait, interval, repeat, escalation, cont, children));
    }

    private static Optional<MaintenanceWindow> window(MappingReader w) {
        Optional<String> name = w.requiredText("name");
        Optional<CronExpression> cron = w.requiredText("schedule").flatMap(s -> guard(w, "schedule", () -> CronExpression.parse(s)));
        Optional<Duration> duration = w.optionalDuration("duration", Duration.ofMinutes(1));
        if (!w.has("duration")) {
            w.missing("duration");
        }
        ZoneId zone = zone(w, "zone");
        List<Matcher> matchers = matchers(w, "match");
        w.rejectUnknownKeys();
        if (name.isEmpty() || cron.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return guard(w, "duration", () -> new MaintenanceWindow(name.get(), cron.get(), duration.get(), zone, matchers));
    }

    private static SeverityRules severity(MappingReader s) {
        Map<String, AlertSeverity> types = new LinkedHashMap<>();
        s.textMap("problem-types").forEach((type, level) -> guard(s, "problem-types", () -> AlertSeverity.parse(level))
                .ifPresent(v -> types.put(type, v)));
        List<SeverityRule> rules = new ArrayList<>();
        for (MappingReader r : s.mappings("rules")) {
            List<Matcher> matchers = matchers(r, "match");
            Optional<AlertSeverity> severity = r.text("severity").flatMap(v -> guard(r, "severity", () -> AlertSeverity.parse(v)));
            Optional<Urgency> urgency = r.text("urgency").flatMap(v -> guard(r, "urgency", () -> Urgency.parse(v)));
            r.rejectUnknownKeys();
            if (severity.isEmpty() && urgency.isEmpty()) {
                r.problemHere("a rule must set severity, urgency or both");
            } else {
                rules.add(new SeverityRule(matchers, severity, urgency));
            }
        }
        BusinessHours hours = BusinessHours.DEFAULT;
        if (s.has("business-hours")) {
            MappingReader b = s.section("business-hours");
            Set<DayOfWeek> days = days(b, b.text("days", "mon-fri"));
            LocalTime from = time(b, "from", LocalTime.of(9, 0));
            LocalTime to = time(b, "to", LocalTime.of(18, 0));
            ZoneId zone = zone(b, "zone");
            b.rejectUnknownKeys();
            hours = guard(b, "to", () -> new BusinessHours(days, from, to, zone)).orElse(BusinessHours.DEFAULT);
        }
        s.rejectUnknownKeys();
        return new SeverityRules(rules, types, hours);
    }

    private static Optional<OnCallSchedule> schedule(MappingReader s) {
        Optional<String> name = s.requiredText("name");
        String rotationText = s.text("rotation", "weekly").toUpperCase(Locale.ROOT);
        OnCallSchedule.Rotation rotation = OnCallSchedule.Rotation.WEEKLY;
        try {
            rotation = OnCallSchedule.Rotation.valueOf(rotationText);
        } catch (IllegalArgumentException e) {
            s.problem("rotation", "must be daily or weekly, got '%s'".formatted(rotationText.toLowerCase(Locale.ROOT)));
        }
        List<String> participants = s.textList("participants");
        if (participants.isEmpty()) {
            s.problem("participants", "needs at least one person");
        }
        LocalTime handoff = time(s, "handoff", LocalTime.of(9, 0));
        DayOfWeek day = s.text("handoff-day").map(t -> days(s, t)).filter(d -> d.size() == 1).map(d -> d.iterator().next())
                .orElse(DayOfWeek.MONDAY);
        ZoneId zone = zone(s, "zone");
        LocalDate start = s.text("start").flatMap(t -> guard(s, "start", () -> LocalDate.parse(t))).orElse(LocalDate.of(2026, 1, 5));
        List<OnCallSchedule.Override> overrides = new ArrayList<>();
        for (MappingReader o : s.mappings("overrides")) {
            Optional<String> person = o.requiredText("person");
            Optional<Instant> from = o.requiredText("from").flatMap(t -> guard(o, "from", () -> Instant.parse(t)));
            Optional<Instant> to = o.requiredText("to").flatMap(t -> guard(o, "to", () -> Instant.parse(t)));
            o.rejectUnknownKeys();
            if (person.isPresent() && from.isPresent() && to.isPresent()) {
                guard(o, "to", () -> new OnCallSchedule.Override(person.get(), from.get(), to.get())).ifPresent(overrides::add);
            }
        }
        s.rejectUnknownKeys();
        if (name.isEmpty() || participants.isEmpty()) {
            return Optional.empty();
        }
        OnCallSchedule.Rotation r = rotation;
        return guard(s, "name", () -> new OnCallSchedule(name.get(), r, participants, handoff, day, zone, start, overrides));
    }

    private static Optional<EscalationPolicy> policy(MappingReader p, Set<String> schedules, Set<String> receivers) {
        Optional<String> name = p.requiredText("name");
        int repeats = p.integer("repeats", 0, 0, 100);
        Optional<Duration> round = p.optionalDuration("round-length", Duration.ofMinutes(1));
        List<EscalationLevel> levels = new ArrayList<>();
        for (MappingReader l : p.mappings("levels")) {
            Duration after = l.duration("after", Duration.ZERO, Duration.ZERO);
            Optional<String> onCall = l.text("notify-on-call");
            Optional<String> receiver = l.text("notify-receiver");
            Optional<String> action = l.text("action");
            int set = (onCall.isPresent() ? 1 : 0) + (receiver.isPresent() ? 1 : 0) + (action.isPresent() ? 1 : 0);
            l.rejectUnknownKeys();
            if (set != 1) {
                l.problemHere("a level needs exactly one of notify-on-call, notify-receiver or action");
                continue;
            }
            if (onCall.isPresent()) {
                if (!schedules.contains(onCall.get())) {
                    l.problem("notify-on-call", "no schedule named '%s'".formatted(onCall.get()));
                    continue;
                }
                levels.add(new EscalationLevel(after, new EscalationAction.NotifyOnCall(onCall.get())));
            } else if (receiver.isPresent()) {
                if (!receivers.contains(receiver.get())) {
                    l.problem("notify-receiver", "no receiver named '%s'".formatted(receiver.get()));
                    continue;
                }
                levels.add(new EscalationLevel(after, new EscalationAction.NotifyReceiver(receiver.get())));
            } else {
                switch (action.get()) {
                    case "emergency-recovery" -> levels.add(new EscalationLevel(after, new EscalationAction.RunEmergencyRecovery()));
                    case "emergency-shutdown" -> levels.add(new EscalationLevel(after, new EscalationAction.EmergencyShutdown()));
                    default -> l.problem("action", "must be emergency-recovery or emergency-shutdown, got '%s'".formatted(action.get()));
                }
            }
        }
        p.rejectUnknownKeys();
        if (name.isEmpty() || levels.isEmpty()) {
            if (name.isPresent()) {
                p.problem("levels", "needs at least one level");
            }
            return Optional.empty();
        }
        return guard(p, "levels", () -> new EscalationPolicy(name.get(), levels, repeats, round.orElse(null)));
    }

    // ---- small readers ---------------------------------------------------------------------

    private static List<Matcher> matchers(MappingReader m, String key) {
        List<Matcher> out = new ArrayList<>();
        List<String> texts = m.textList(key);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            int index = i;
            guard(m, key, () -> Matcher.parse(t), "[" + index + "] ").ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Secret> requiredSecret(MappingReader r, String key) {
        if (!r.has(key)) {
            r.missing(key);
            return Optional.empty();
        }
        Optional<Secret> s = r.secret(key);
        if (s.isEmpty()) {
            r.problem(key, "must not be empty (is the environment variable set?)");
        }
        return s;
    }

    private static Optional<URI> requiredUri(MappingReader r, String key) {
        if (!r.has(key)) {
            r.missing(key);
            return Optional.empty();
        }
        return uri(r, key);
    }

    private static Optional<URI> uri(MappingReader r, String key) {
        return r.text(key).flatMap(t -> {
            try {
                URI u = URI.create(t.strip());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    r.problem(key, "must be an http:// or https:// URL, got '%s'".formatted(Redaction.url(t)));
                    return Optional.empty();
                }
                return Optional.of(u);
            } catch (IllegalArgumentException e) {
                r.problem(key, "is not a valid URL: '%s'".formatted(Redaction.url(t)));
                return Optional.empty();
            }
        });
    }

    private static ZoneId zone(MappingReader r, String key) {
        return r.zone(key, ZoneId.of("UTC"));
    }

    private static LocalTime time(MappingReader r, String key, LocalTime defaultValue) {
        return r.text(key).flatMap(t -> guard(r, key, () -> {
            try {
                return LocalTime.parse(t.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("must be a time like 09:00, got '%s'".formatted(t));
            }
        })).orElse(defaultValue);
    }

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private static Set<DayOfWeek> days(MappingReader r, String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.ROOT).split(",")) {
            String[] range = part.strip().split("-");
            int from = DAY_NAMES.indexOf(range[0].strip().length() >= 3 ? range[0].strip().substring(0, 3) : range[0]);
            int to = range.length > 1 ? DAY_NAMES.indexOf(range[1].strip().length() >= 3 ? range[1].strip().substring(0, 3) : range[1]) : from;
            if (from < 0 || to < 0 || to < from) {
                r.problemHere("days must be like mon-fri or sat,sun, got '%s'".formatted(text));
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            }
            for (int i = from; i <= to; i++) {
                days.add(DayOfWeek.of(i + 1));
            }
        }
        return days;
    }

    private static <T> Optional<T> guard(MappingReader r, String key, Supplier<T> build) {
        return guard(r, key, build, "");
    }

    private static <T> Optional<T> guard(MappingReader r, String key, Supplier<T> build, String prefix) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException e) {
            r.problem(key, prefix + e.getMessage());
            return Optional.empty();
        }
    }
}
