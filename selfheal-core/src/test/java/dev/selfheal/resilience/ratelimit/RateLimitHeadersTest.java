package dev.selfheal.resilience.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            h.put(pairs[i], List.of(pairs[i + 1]));
        }
        return h;
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(RateLimitHeaders.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RateLimitHeaders.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(RateLimitHeaders.parseRetryAfter("Thu, 01 Jan 2026 12:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        // a date already past means "now"
        assertThat(RateLimitHeaders.parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageIsIgnored() {
        for (String garbage : new String[] {"", "soon", "-5", "1.5", "99999999999999999999999", "Thu, 32 Jan 2026 12:00:00 GMT"}) {
            assertThat(RateLimitHeaders.parseRetryAfter(garbage, NOW)).as("'%s'", garbage).isEmpty();
        }
    }

    @Test
    void githubHeadersInAnyCase() {
        RateLimitInfo info = RateLimitHeaders.parse(headers(
                "x-ratelimit-remaining", "0", "X-RATELIMIT-LIMIT", "5000", "X-RateLimit-Reset", Long.toString(NOW.plusSeconds(30).getEpochSecond())), NOW);

        assertThat(info.remaining()).hasValue(0);
        assertThat(info.limit()).hasValue(5000);
        assertThat(info.resetAt()).contains(NOW.plusSeconds(30));
        assertThat(info.requiredWait(NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void linearRequestHeadersWithAResetInEpochMilliseconds() {
        RateLimitInfo info = RateLimitHeaders.parse(headers(
                "X-RateLimit-Requests-Remaining", "12", "X-RateLimit-Requests-Limit", "1500",
                "X-RateLimit-Requests-Reset", Long.toString(NOW.plusMillis(2500).toEpochMilli())), NOW);

        assertThat(info.remaining()).hasValue(12);
        assertThat(info.limit()).hasValue(1500);
        assertThat(info.resetAt()).contains(NOW.plusMillis(2500));
        assertThat(info.isNearLimit(0.10, NOW)).isTrue();
        assertThat(info.requiredWait(NOW)).as("12 left: no need to wait").isEmpty();
    }

    @Test
    void slackRetryAfterWinsOverTheWindow() {
        RateLimitInfo info = RateLimitHeaders.parse(headers("Retry-After", "3", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.plusSeconds(60).getEpochSecond())), NOW);
        assertThat(info.requiredWait(NOW)).contains(Duration.ofSeconds(3));
    }

    @Test
    void garbageInOneHeaderDoesNotSpoilTheOthers() {
        RateLimitInfo info = RateLimitHeaders.parse(headers("Retry-After", "later", "X-RateLimit-Remaining", "lots",
                "X-RateLimit-Limit", "5000", "X-RateLimit-Reset", "tomorrow"), NOW);

        assertThat(info.retryAfter()).isEmpty();
        assertThat(info.remaining()).isEmpty();
        assertThat(info.resetAt()).isEmpty();
        assertThat(info.limit()).hasValue(5000);
        assertThat(info.requiredWait(NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void nearTheLimitMeansLessThanTheShareLeftBeforeTheReset() {
        RateLimitInfo low = RateLimitHeaders.parse(headers("X-RateLimit-Remaining", "499", "X-RateLimit-Limit", "5000",
                "X-RateLimit-Reset", Long.toString(NOW.plusSeconds(600).getEpochSecond())), NOW);
        RateLimitInfo fine = RateLimitHeaders.parse(headers("X-RateLimit-Remaining", "500", "X-RateLimit-Limit", "5000"), NOW);

        assertThat(low.isNearLimit(0.10, NOW)).isTrue();
        assertThat(low.isNearLimit(0.10, NOW.plusSeconds(601))).as("the window has reset").isFalse();
        assertThat(fine.isNearLimit(0.10, NOW)).isFalse();
    }
}
