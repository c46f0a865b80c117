package dev.selfheal.demo.sim.idempotency;

/** The answer a request got when it was applied, kept so a repeat of its key gets the same one. */
public record StoredAnswer(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
