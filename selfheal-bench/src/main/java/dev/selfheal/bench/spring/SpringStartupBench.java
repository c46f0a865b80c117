package dev.selfheal.bench.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the Spring Boot starter adds to an application's start: the example orders service is
 * started in fresh JVMs, alternately with {@code selfheal.enabled=true} and {@code false} (same
 * jar, same class path), and Spring's own "Started ... in N seconds" is read from each. The
 * difference of the medians is the starter's cost; each run uses a new SQLite store file, so the
 * figure includes creating and migrating it.
 */
@Command(name = "spring-startup", mixinStandardHelpOptions = true,
        description = "Context start time of the example Spring Boot service with and without the selfheal starter.")
public final class SpringStartupBench implements Runnable {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
    private static final String JAR = "examples/spring-boot-service/target/selfheal-example-spring-boot-service-0.1.0-SNAPSHOT.jar";

    @Option(names = "--runs", defaultValue = "5", description = "Starts of each variant (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jar", defaultValue = JAR, description = "The example service's jar (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
            description = "The PostgreSQL database the service uses (default ${DEFAULT-VALUE}).")
    String dbUrl;

    @Override
    public void run() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no example jar at " + jar + ": build it first with "
                    + "'mvn -q -pl examples/spring-boot-service -am package -DskipTests'");
        }
        try {
            Path dir = Files.createTempDirectory("selfheal-spring-startup");
            start(dir, true); // warms the file cache and the database; not counted
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                with.add(start(dir, true));
                without.add(start(dir, false));
            }
            report(with, without);
        } catch (IOException e) {
            throw new IllegalStateException("spring-startup: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double start(Path dir, boolean enabled) throws IOException, InterruptedException {
        Path store = Files.createTempFile(dir, "selfheal", ".db");
        Files.delete(store);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(),
                "--server.port=0",
                "--spring.datasource.url=" + dbUrl,
                "--spring.sql.init.mode=never",
                "--selfheal.enabled=" + enabled,
                "--selfheal.store.use-application-datasource=false",
                "--selfheal.store.url=jdbc:sqlite:" + store)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (last.size() == 15) {
                    last.removeFirst();
                }
                last.addLast(line);
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1)) * 1000;
                }
            }
            throw new IllegalStateException("the example service exited with " + process.waitFor()
                    + " before it said it had started; its last lines:\n" + String.join("\n", last));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void report(List<Double> with, List<Double> without) {
        double medianWith = median(with);
        double medianWithout = median(without);
        System.out.printf(Locale.ROOT, "%-22s %10s   %s%n", "variant", "median ms", "runs (ms)");
        System.out.printf(Locale.ROOT, "%-22s %10.0f   %s%n", "with the starter", medianWith, rounded(with));
        System.out.printf(Locale.ROOT, "%-22s %10.0f   %s%n", "selfheal.enabled=false", medianWithout, rounded(without));
        System.out.printf(Locale.ROOT, "%-22s %10.0f%n", "added by the starter", medianWith - medianWithout);
        System.out.printf(Locale.ROOT, "RESULT runs=%d start_ms_with=%.0f start_ms_without=%.0f added_ms=%.0f ratio=%.3f%n",
                with.size(), medianWith, medianWithout, medianWith - medianWithout, medianWith / medianWithout);
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
