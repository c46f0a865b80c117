package dev.selfheal.server.security;

/** A request refused by {@link AccessFilter}: 401 {@code unauthorized} or 403 {@code forbidden}, with why. */
public final class AccessDenied extends RuntimeException {

    private final int status;
    private final String error;

    AccessDenied(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
