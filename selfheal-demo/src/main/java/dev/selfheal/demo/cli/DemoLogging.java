package dev.selfheal.demo.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine's log of a demo run into {@code <data-dir>/logs/selfheal.log} instead of the
 * terminal: one line per parked call is right for a log and wrong for a person watching a run.
 * Only the {@code selfheal demo} command does this; tests that start a {@link DemoRun} keep their
 * own logging.
 */
final class DemoLogging {

    static final String FILE_PROPERTY = "selfheal.demo.log";

    private DemoLogging() {
    }

    /** Reconfigures logback to write to {@code file}; returns false (and leaves logging alone) when logback is not the backend. */
    static boolean toFile(Path file) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return false;
        }
        URL config = DemoLogging.class.getResource("/logback-demo.xml");
        if (config == null) {
            return false;
        }
        System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
            return true;
        } catch (JoranException e) {
            throw new IllegalStateException("cannot send the demo's log to " + file + ": " + e.getMessage(), e);
        }
    }
}
