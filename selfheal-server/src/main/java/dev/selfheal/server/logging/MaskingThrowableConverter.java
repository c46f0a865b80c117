package dev.selfheal.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %ex} with secrets masked ({@code %maskedEx} in logback.xml): a driver's
 * exception message quotes the URL it was given, password and all, and its stack trace is printed
 * beside the line that {@link MaskingMessageConverter} already masked.
 */
public final class MaskingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return MaskingMessageConverter.masker().mask(super.throwableProxyToString(proxy));
    }
}
