package dev.selfheal.resilience.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * What kind of failure an exception is, looking through wrappers (ExecutionException,
 * CompletionException, ...) to the first cause that says something.
 */
enum ErrorCategory {
    RATE_LIMITED,
    TIMEOUT,
    CONNECTION,
    SERVER_ERROR,
    CLIENT_ERROR,
    OTHER_IO,
    OTHER;

    private static final int MAX_DEPTH = 8;

    public static ErrorCategory of(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof HttpStatusException http) {
                if (http.isTooManyRequests()) {
                    return RATE_LIMITED;
                }
                return http.isServerError() ? SERVER_ERROR : CLIENT_ERROR;
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return CONNECTION;
            }
            if (t instanceof IOException) {
                return OTHER_IO;
            }
        }
        return OTHER;
    }

    /**
     * The key the adaptive strategy learns under: the error's type name,
     * except that HTTP failures are told apart by status (a 429 and a 503 want different waits).
     */
    public static String typeOf(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof HttpStatusException http) {
                return "http_" + http.status();
            }
            if (!(t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)) {
                return t.getClass().getSimpleName();
            }
        }
        return error.getClass().getSimpleName();
    }
}
