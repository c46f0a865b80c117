package dev.selfheal.recovery.process;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The child processes selfheal started and may restart, by name. Closing it stops them all. */
public final class ProcessSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final Map<String, SupervisedProcess> processes = new ConcurrentHashMap<>();

    /** Registers and starts a process. */
    public SupervisedProcess supervise(String name, ProcessSpec spec) throws IOException {
        SupervisedProcess process = new SupervisedProcess(name, spec);
        if (processes.putIfAbsent(name, process) != null) {
            throw new IllegalArgumentException("a process named '%s' is already supervised".formatted(name));
        }
        long pid = process.start();
        log.info("event=process_started process={} pid={}", name, pid);
        return process;
    }

    public Optional<SupervisedProcess> get(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    public SupervisedProcess require(String name) {
        return get(name).orElseThrow(() -> new NoSuchElementException(
                "no supervised process named '%s'; supervised: %s".formatted(name, processes.keySet())));
    }

    @Override
    public void close() {
        for (SupervisedProcess process : processes.values()) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("event=process_stop_failed process={} error=\"{}\"", process.name(), e.toString());
            }
        }
    }
}
