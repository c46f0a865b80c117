package dev.selfheal.resilience;

import dev.selfheal.resilience.ratelimit.RateLimitHeaders;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.resilience.retry.HttpStatusException;
import java.time.Instant;

/**
 * Tells an integration's "come back later" from its failing: a 429, or any answer whose
 * headers carry {@code Retry-After} or say nothing is left of the rate-limit window (GitHub
 * answers a spent quota with 403, Linear with 400). Such an answer says the integration is up.
 */
final class RateLimitAnswers {

    private RateLimitAnswers() {
    }

    static boolean asksToWait(Throwable error) {
        HttpStatusException http = RetryWaits.httpCause(error);
        if (http == null) {
            return false;
        }
        if (http.status() == 429) {
            return true;
        }
        // the instant only dates an HTTP-date Retry-After; whether one is present is all that matters here
        RateLimitInfo info = RateLimitHeaders.parse(http.headers(), Instant.EPOCH);
        return info.retryAfter().isPresent()
                || (info.remaining().isPresent() && info.remaining().getAsLong() <= 0 && info.resetAt().isPresent());
    }
}
