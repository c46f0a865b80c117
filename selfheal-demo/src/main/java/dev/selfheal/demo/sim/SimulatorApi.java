package dev.selfheal.demo.sim;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * One simulated API: its routes, and how it says "no" in its own dialect. The shared
 * machinery ({@link Simulator}) decides when a request is faulted, unauthorised or rate
 * limited; the API decides what that looks like on the wire.
 */
public interface SimulatorApi {

    /** Registers the API's routes. */
    void register(Javalin app);

    /** True when the request carries the accepted credential. */
    boolean isAuthorized(Context ctx);

    void answerUnauthorized(Context ctx);

    /** An injected (or released-hang) server error. */
    void answerServerError(Context ctx, int status);

    /** The quota is spent until {@code until}. */
    void answerRateLimited(Context ctx, Instant until);

    /** The request could not be understood; the message says what and where. */
    void answerBadRequest(Context ctx, BadRequest problem);

    void answerNotFound(Context ctx);

    /**
     * Runs for every admitted request before its handler: counts quota and sets the API's
     * rate-limit headers. A request over quota is answered with {@link #answerRateLimited}
     * and refused by returning false.
     */
    default boolean admit(Context ctx) {
        return true;
    }

    /** Paths that are not subject to credentials, faults or quota besides {@code /_admin}. */
    default boolean isPublic(String path) {
        return false;
    }
}
