package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the type-specific keys of one check into its {@link CheckSpec}. */
final class CheckSpecReader {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

    private CheckSpecReader() { }

    /** The spec for {@code type}, or empty when a value was wrong (each problem is recorded). */
    static Optional<CheckSpec> read(String type, MappingReader m) {
        return switch (type) {
            case "http" -> http(m);
            case "tcp" -> tcp(m);
            case "jdbc" -> jdbc(m);
            case "process" -> process(m);
            case "command" -> command(m);
            case "jvm" -> jvm(m);
            case "disk" -> disk(m);
            case "system" -> system(m);
            default -> Optional.empty();
        };
    }

    /** The default group of a type: where a check of that kind usually counts. */
    static String defaultGroup(String type) {
        return switch (type) {
            case "http" -> "integrations";
            case "tcp", "jdbc" -> "database";
            default -> "system";
        };
    }

    private static Optional<CheckSpec> http(MappingReader m) {
        Optional<URI> url = m.requiredHttpUrl("url");
        String method = m.text("method", "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            m.problem("method", "must be one of %s, got '%s'".formatted(String.join(", ", List.copyOf(new java.util.TreeSet<>(METHODS))), method));
        }
        Map<String, String> headers = m.textMap("headers");
        int[] status = m.text("expected-status").map(text -> statusRange(m, text)).orElse(new int[] {200, 399});
        Optional<String> bodyContains = m.text("body-contains");
        Optional<Duration> degradedAfter = m.optionalDuration("degraded-after", Duration.ofMillis(1));
        if (url.isEmpty() || status == null || !METHODS.contains(method)) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.Http(url.get(), method, headers, status[0], status[1], bodyContains, degradedAfter));
    }

    private static int[] statusRange(MappingReader m, String text) {
        var matcher = STATUS_RANGE.matcher(text.strip());
        if (matcher.matches()) {
            int min = Integer.parseInt(matcher.group(1));
            int max = matcher.group(2) == null ? min : Integer.parseInt(matcher.group(2));
            if (min >= 100 && max <= 599 && min <= max) {
                return new int[] {min, max};
            }
        }
        m.problem("expected-status", "must be a status code or a range of them within 100-599, like 200 or \"200-299\", got '%s'"
                .formatted(text));
        return null;
    }

    private static Optional<CheckSpec> tcp(MappingReader m) {
        Optional<String> host = m.requiredText("host");
        Optional<Integer> port = m.requiredInteger("port", 1, 65_535);
        return host.isPresent() && port.isPresent() ? Optional.of(new CheckSpec.Tcp(host.get(), port.get())) : Optional.empty();
    }

    private static Optional<CheckSpec> jdbc(MappingReader m) {
        Optional<String> url = m.requiredText("url");
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            m.problem("url", "must be a JDBC URL starting with 'jdbc:', got '%s'".formatted(Redaction.url(url.get())));
            url = Optional.empty();
        }
        Optional<String> user = m.text("user").filter(s -> !s.isEmpty());
        Optional<Secret> password = m.secret("password");
        String query = m.text("query", "SELECT 1");
        if (query.isBlank()) {
            m.problem("query", "must not be empty");
        }
        return url.isPresent() && !query.isBlank()
                ? Optional.of(new CheckSpec.Jdbc(url.get(), user, password, query)) : Optional.empty();
    }

    private static Optional<CheckSpec> process(MappingReader m) {
        boolean hasPidFile = m.has("pid-file");
        boolean hasCommandLine = m.has("command-line");
        Optional<Path> pidFile = m.path("pid-file");
        Optional<Pattern> commandLine = m.text("command-line").flatMap(regex -> {
            try {
                return Optional.of(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                m.problem("command-line", "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
                return Optional.empty();
            }
        });
        if (hasPidFile == hasCommandLine) {
            m.problemHere("a process check needs exactly one of 'pid-file' or 'command-line'"
                    + (hasPidFile ? ", got both" : ", got neither"));
            return Optional.empty();
        }
        return pidFile.isPresent() || commandLine.isPresent()
                ? Optional.of(new CheckSpec.Process(pidFile, commandLine)) : Optional.empty();
    }

    private static Optional<CheckSpec> command(MappingReader m) {
        boolean present = m.has("command");
        List<String> argv = m.textList("command");
        if (!present) {
            m.missing("command");
        } else if (argv.isEmpty()) {
            m.problem("command", "must name the program to run, e.g. [\"/usr/local/bin/check-backup\", \"--quick\"]");
        }
        Map<String, String> env = m.textMap("env");
        Optional<Path> workingDir = m.path("working-dir");
        Set<Integer> degraded = new LinkedHashSet<>(m.integerList("degraded-exit-codes", 1, 255));
        return argv.isEmpty() ? Optional.empty() : Optional.of(new CheckSpec.Command(argv, env, workingDir, degraded));
    }

    private static Optional<CheckSpec> disk(MappingReader m) {
        Optional<Path> path = m.has("path") ? m.path("path") : Optional.empty();
        if (!m.has("path")) {
            m.missing("path");
        }
        double degraded = m.decimal("free-ratio-degraded", 0.10, 0, 1);
        double unhealthy = m.decimal("free-ratio-unhealthy", 0.05, 0, 1);
        if (unhealthy > degraded) {
            m.problem("free-ratio-unhealthy", "must not be above free-ratio-degraded (%s), got %s".formatted(degraded, unhealthy));
            return Optional.empty();
        }
        return path.map(p -> new CheckSpec.Disk(p, degraded, unhealthy));
    }

    private static Optional<CheckSpec> jvm(MappingReader m) {
        double heapDegraded = m.decimal("heap-used-degraded", 0.85, 0, 1);
        double heapUnhealthy = m.decimal("heap-used-unhealthy", 0.95, 0, 1);
        double gcDegraded = m.decimal("gc-overhead-degraded", 0.10, 0, 1);
        double gcUnhealthy = m.decimal("gc-overhead-unhealthy", 0.25, 0, 1);
        boolean ordered = atMost(m, "heap-used-degraded", heapDegraded, "heap-used-unhealthy", heapUnhealthy)
                & atMost(m, "gc-overhead-degraded", gcDegraded, "gc-overhead-unhealthy", gcUnhealthy);
        return ordered ? Optional.of(new CheckSpec.Jvm(heapDegraded, heapUnhealthy, gcDegraded, gcUnhealthy)) : Optional.empty();
    }

    private static Optional<CheckSpec> system(MappingReader m) {
        double cpuDegraded = m.decimal("cpu-load-degraded", 0.80, 0, 1);
        double cpuUnhealthy = m.decimal("cpu-load-unhealthy", 0.95, 0, 1);
        double memoryDegraded = m.decimal("memory-used-degraded", 0.85, 0, 1);
        double memoryUnhealthy = m.decimal("memory-used-unhealthy", 0.95, 0, 1);
        boolean ordered = atMost(m, "cpu-load-degraded", cpuDegraded, "cpu-load-unhealthy", cpuUnhealthy)
                & atMost(m, "memory-used-degraded", memoryDegraded, "memory-used-unhealthy", memoryUnhealthy);
        return ordered ? Optional.of(new CheckSpec.SystemLoad(cpuDegraded, cpuUnhealthy, memoryDegraded, memoryUnhealthy))
                : Optional.empty();
    }

    /** The degraded threshold must not be above the unhealthy one; a problem on the first key if it is. */
    private static boolean atMost(MappingReader m, String lowKey, double low, String highKey, double high) {
        if (low > high) {
            m.problem(lowKey, "must not be above %s (%s), got %s".formatted(highKey, high, low));
            return false;
        }
        return true;
    }
}
