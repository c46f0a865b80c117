package dev.selfheal.integrations.http;

import java.io.Serial;

/**
 * An API refused a request in its own terms with a 2xx or 4xx body (Slack's {@code "ok": false},
 * GraphQL {@code errors}). Not retryable: the guard sees an unknown runtime exception and lets it
 * through. {@link #credentialsRejected()} says the token was refused.
 */
public final class ApiErrorException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String integration;
    private final String code;
    private final boolean credentialsRejected;

    public ApiErrorException(String integration, String code, String message, boolean credentialsRejected) {
        super("%s refused the request: %s%s".formatted(integration, code, message == null || message.isBlank() ? "" : " (" + message + ")"));
        this.integration = integration;
        this.code = code;
        this.credentialsRejected = credentialsRejected;
    }

    public String integration() {
        return integration;
    }

    public String code() {
        return code;
    }

    public boolean credentialsRejected() {
        return credentialsRejected;
    }
}
