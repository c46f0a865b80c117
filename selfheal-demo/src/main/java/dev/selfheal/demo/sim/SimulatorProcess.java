package dev.selfheal.demo.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulator running as a child process of this JVM (same java, same classpath), for
 * tests and for the demo. {@link #start} returns once the child printed {@code LISTENING
 * port=<n>}; {@link #restart} brings it back on the same port, so clients keep their base URL.
 *
 * <pre>{@code
 * try (SimulatorProcess github = SimulatorProcess.start(Api.GITHUB, 42, "t0ken", Optional.empty())) {
 *     URI base = github.baseUri();   // http://127.0.0.1:<port>
 *     github.kill();                 // SIGKILL
 *     github.restart();
 * }
 * }</pre>
 */
public final class SimulatorProcess implements AutoCloseable {

    /** A loaded 2-core machine can take a while to start a JVM. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Dlogback.configurationFile=logback-simulator.xml");

    private final Api api;
    private final List<String> jvmOptions;
    private final Path logFile;
    private SimulatorOptions options;
    private Process process;
    private int port;

    private SimulatorProcess(Api api, SimulatorOptions options, List<String> jvmOptions, Path logFile) {
        this.api = api;
        this.options = options;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logFile;
    }

    /** Starts {@code api} on any free port with the given seed, token and optional state file. */
    public static SimulatorProcess start(Api api, long seed, String token, Optional<Path> stateFile) {
        return start(api, new SimulatorOptions(0, seed, token, stateFile,
                dev.selfheal.demo.sim.idempotency.ApplicationLedger.Mode.ENFORCE, 0), DEFAULT_JVM_OPTIONS);
    }

    /** Starts {@code api} with full options and JVM options (heap size, say). */
    public static SimulatorProcess start(Api api, SimulatorOptions options, List<String> jvmOptions) {
        Path log;
        try {
            log = Files.createTempFile("simulator-" + api.cliName() + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary file for the " + api.cliName() + " simulator's log", e);
        }
        SimulatorProcess child = new SimulatorProcess(api, options, jvmOptions, log);
        child.launch();
        return child;
    }

    public Api api() {
        return api;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public java.net.URI baseUri() {
        return java.net.URI.create(baseUrl());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process is gone. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Where the child's stderr (its log) goes. */
    public Path logFile() {
        return logFile;
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(10))) {
            kill();
        }
    }

    /** Stops it if it runs, and starts it again on the same port with the same options. */
    public void restart() {
        stop();
        options = new SimulatorOptions(port, options.seed(), options.token(), options.stateFile(), options.idempotency(), options.quotaPerHour());
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean awaitExit(Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(api.mainClass());
        command.addAll(List.of("--port", String.valueOf(options.port()), "--seed", String.valueOf(options.seed()),
                "--token", options.token(), "--quota", String.valueOf(options.quotaPerHour()),
                "--idempotency", options.idempotency() == dev.selfheal.demo.sim.idempotency.ApplicationLedger.Mode.ENFORCE ? "enforce" : "record"));
        options.stateFile().ifPresent(file -> command.addAll(List.of("--state-file", file.toString())));
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + api.cliName() + " simulator could not be started: " + e.getMessage(), e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Process child = process;
        Thread.ofPlatform().daemon().name("simulator-" + api.cliName() + "-stdout").start(() -> readStdout(child, listening));
        try {
            port = listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the " + api.cliName() + " simulator did not print " + SimulatorMain.LISTENING
                    + "<n> within " + STARTUP_TIMEOUT.toSeconds() + " s (" + e.getMessage() + "); its log: " + logFile + "\n" + tail(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + api.cliName() + " simulator started", e);
        }
    }

    /** Reads the child's stdout to the end (so its pipe never fills), completing {@code listening} with the port. */
    private static void readStdout(Process child, CompletableFuture<Integer> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!listening.isDone() && line.startsWith(SimulatorMain.LISTENING)) {
                    listening.complete(Integer.parseInt(line.substring(SimulatorMain.LISTENING.length()).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("the process exited before it was listening"));
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
