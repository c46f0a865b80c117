package dev.selfheal.demo.sim;

/**
 * Input a simulator cannot act on. The message names what was wrong and where (the
 * endpoint, the field, the line), so the person or client that sent it can fix it.
 */
public final class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }
}
