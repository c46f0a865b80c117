package dev.selfheal.server.security;

/**
 * A request refused by {@link AccessFilter}, with why: 401 {@code unauthorized}, 403
 * {@code forbidden}, or 400 {@code bad_request} for a path spelt oddly.
 */
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
