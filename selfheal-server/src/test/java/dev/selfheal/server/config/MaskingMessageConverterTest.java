package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.selfheal.server.logging.MaskingMessageConverter;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaskingMessageConverterTest {

    @AfterEach
    void uninstall() {
        MaskingMessageConverter.install(SecretMasker.NONE);
    }

    @Test
    void logLinesShowNoSecretOnceTheDaemonInstalledItsMasker() {
        // Given the daemon installed the masker of its config
        MaskingMessageConverter.install(new SecretMasker(Set.of("pg-password-1")));
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.ERROR,
                "event=store_failed error=\"{}\"", null, new Object[] {"auth failed for password=pg-password-1"});

        // When a line quoting the secret is formatted
        String line = new MaskingMessageConverter().convert(event);

        // Then the secret is masked
        assertThat(line).isEqualTo("event=store_failed error=\"auth failed for password=***\"");
    }
}
