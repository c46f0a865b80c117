package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a check looks at, one record per {@code type:}. The set is closed so that the code
 * that builds checks from config ({@code CheckFactory}) is checked by the compiler for every
 * type. Values are validated by {@link ConfigLoader}; {@code toString} shows no secret.
 */
public sealed interface CheckSpec {

    /** The {@code type:} value in the config file. */
    String type();

    /** Every type, as written in the config file. */
    List<String> TYPES = List.of("http", "tcp", "jdbc", "process", "command", "jvm", "disk", "system");

    record Http(URI url, String method, Map<String, String> headers, int expectedStatusMin, int expectedStatusMax,
                Optional<String> bodyContains, Optional<Duration> degradedAfter) implements CheckSpec {
        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String type() {
            return "http";
        }

        /** The expected status as the file spells it: {@code 200}, or a range {@code 200-299}. */
        public String expectedStatus() {
            return expectedStatusMin == expectedStatusMax ? Integer.toString(expectedStatusMin)
                    : expectedStatusMin + "-" + expectedStatusMax;
        }

        @Override
        public String toString() {
            return "Http[url=%s, method=%s, headers=%s, expectedStatus=%d-%d, bodyContains=%s, degradedAfter=%s]".formatted(
                    Redaction.url(url.toString()), method, Redaction.map(headers), expectedStatusMin, expectedStatusMax,
                    bodyContains, degradedAfter);
        }
    }

    record Tcp(String host, int port) implements CheckSpec {
        @Override
        public String type() {
            return "tcp";
        }
    }

    record Jdbc(String url, Optional<String> user, Optional<Secret> password, String query) implements CheckSpec {
        @Override
        public String type() {
            return "jdbc";
        }

        @Override
        public String toString() {
            return "Jdbc[url=%s, user=%s, password=%s, query=%s]".formatted(
                    Redaction.url(url), user.orElse(""), password.isPresent() ? Secret.MASK : "", query);
        }
    }

    /** Exactly one of the two is present. */
    record Process(Optional<Path> pidFile, Optional<Pattern> commandLine) implements CheckSpec {
        @Override
        public String type() {
            return "process";
        }
    }

    record Command(List<String> command, Map<String, String> environment, Optional<Path> workingDirectory,
                   Set<Integer> degradedExitCodes) implements CheckSpec {
        public Command {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            degradedExitCodes = Set.copyOf(degradedExitCodes);
        }

        @Override
        public String type() {
            return "command";
        }

        @Override
        public String toString() {
            return "Command[command=%s, env=%s, workingDirectory=%s, degradedExitCodes=%s]".formatted(
                    command, Redaction.map(environment), workingDirectory, degradedExitCodes);
        }
    }

    record Jvm(double heapUsedDegraded, double heapUsedUnhealthy, double gcOverheadDegraded, double gcOverheadUnhealthy)
            implements CheckSpec {
        @Override
        public String type() {
            return "jvm";
        }
    }

    record Disk(Path path, double freeRatioDegraded, double freeRatioUnhealthy) implements CheckSpec {
        @Override
        public String type() {
            return "disk";
        }
    }

    record SystemLoad(double cpuLoadDegraded, double cpuLoadUnhealthy, double memoryUsedDegraded, double memoryUsedUnhealthy)
            implements CheckSpec {
        @Override
        public String type() {
            return "system";
        }
    }
}
