package dev.selfheal.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.selfheal.server.config.SecretMasker;

/**
 * Logback's {@code %msg} with secrets masked and control characters escaped ({@code %maskedMsg}
 * in logback.xml). The daemon installs its config's masker once the config is read; before that,
 * and in processes that never install one, the secret forms {@link dev.selfheal.redaction.Redaction}
 * knows are still masked.
 *
 * <p>Escaping is what keeps one event on one line: a label or a check's output that carries a
 * newline would otherwise forge a whole log line of its own, and ESC or a bidi override would
 * rewrite what a terminal shows.
 */
public final class MaskingMessageConverter extends MessageConverter {

    private static volatile SecretMasker masker = SecretMasker.NONE;

    public static void install(SecretMasker value) {
        masker = value;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogEscaping.escape(masker.mask(super.convert(event)));
    }

    static SecretMasker masker() {
        return masker;
    }
}
