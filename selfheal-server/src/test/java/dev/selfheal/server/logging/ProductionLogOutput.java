package dev.selfheal.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * The daemon's own log layout (src/main/resources/logback.xml, not the tests' quieter one),
 * attached to every logger of this JVM for as long as it is open, writing to memory: what an
 * operator would read on the daemon's stdout.
 */
public final class ProductionLogOutput implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender;
    private final Logger root;
    private final Logger selfheal;
    private final Level selfhealLevel;

    @SuppressWarnings("unchecked")
    private ProductionLogOutput() {
        LoggerContext production = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        try {
            configurator.doConfigure(ProductionLogOutput.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("the daemon's logback.xml does not load", e);
        }
        appender = (OutputStreamAppender<ILoggingEvent>) production.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        appender.setOutputStream(out);
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = running.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        selfheal = running.getLogger("dev.selfheal");
        selfhealLevel = selfheal.getLevel();
        selfheal.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    public static ProductionLogOutput open() {
        return new ProductionLogOutput();
    }

    public String text() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        selfheal.setLevel(selfhealLevel);
        appender.stop();
    }
}
