package dev.selfheal.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.selfheal.server.config.SecretMasker;

/**
 * Logback's {@code %msg} with the config's secret values masked ({@code %maskedMsg} in
 * logback.xml). The daemon installs the masker once its config is read; before that, and in
 * processes that never install one, messages pass unchanged.
 */
public final class MaskingMessageConverter extends MessageConverter {

    private static volatile SecretMasker masker = SecretMasker.NONE;

    public static void install(SecretMasker value) {
        masker = value;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return masker.mask(super.convert(event));
    }
}
