package dev.selfheal.resilience.retry;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.login.LoginException;

/**
 * Which failures are worth another attempt.
 *
 * <p>By default: connect and read timeouts, I/O errors, HTTP 5xx and 429 (and GitHub's 403
 * with {@code X-RateLimit-Remaining: 0}, its way of saying 429) are retried; other 4xx,
 * credential failures (401, 403, login and security exceptions, TLS handshake failures),
 * an open breaker and a full bulkhead are not. Users add classes to either side; the
 * "never" side wins. Wrapped causes are looked through.
 */
public final class RetryClassifier implements Predicate<Throwable> {

    private static final int MAX_DEPTH = 8;

    private final List<Class<? extends Throwable>> alsoRetry;
    private final List<Class<? extends Throwable>> neverRetry;

    private RetryClassifier(List<Class<? extends Throwable>> alsoRetry, List<Class<? extends Throwable>> neverRetry) {
        this.alsoRetry = List.copyOf(alsoRetry);
        this.neverRetry = List.copyOf(neverRetry);
    }

    public static RetryClassifier defaults() {
        return new RetryClassifier(List.of(), List.of());
    }

    /** The defaults, plus {@code alsoRetry} retried and {@code neverRetry} not. */
    public static RetryClassifier of(List<Class<? extends Throwable>> alsoRetry, List<Class<? extends Throwable>> neverRetry) {
        return new RetryClassifier(alsoRetry, neverRetry);
    }

    @Override
    public boolean test(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (matches(neverRetry, t)) {
                return false;
            }
            if (matches(alsoRetry, t)) {
                return true;
            }
            Boolean verdict = defaultVerdict(t);
            if (verdict != null) {
                return verdict;
            }
        }
        return false;
    }

    private static Boolean defaultVerdict(Throwable t) {
        if (t instanceof HttpStatusException http) {
            int s = http.status();
            if (s >= 500 || s == 429) {
                return true;
            }
            return s == 403 && http.header("X-RateLimit-Remaining").map("0"::equals).orElse(false);
        }
        if (t instanceof CallNotPermittedException || t instanceof BulkheadFullException) {
            return false;
        }
        if (t instanceof LoginException || t instanceof GeneralSecurityException || t instanceof SSLHandshakeException) {
            return false;
        }
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.io.IOException) {
            return true;
        }
        return null;
    }

    private static boolean matches(List<Class<? extends Throwable>> classes, Throwable t) {
        for (Class<? extends Throwable> c : classes) {
            if (c.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
