package dev.selfheal.demo.sim;

/**
 * Thrown by a before-handler that has already written the answer (an injected fault, a
 * rejected credential, a spent quota), to stop the request there. Carries no stack.
 */
final class Answered extends RuntimeException {

    static final Answered INSTANCE = new Answered();

    private Answered() {
        super("answered early", null, false, false);
    }
}
