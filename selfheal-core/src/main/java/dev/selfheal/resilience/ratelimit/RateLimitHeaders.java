package dev.selfheal.resilience.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rate-limit headers of the four integrations (and of most HTTP APIs):
 *
 * <ul>
 *   <li>{@code Retry-After} — seconds or an HTTP-date (RFC 9110 §10.2.3); Slack's 429s carry it;
 *   <li>GitHub — {@code X-RateLimit-Remaining}, {@code X-RateLimit-Limit}, {@code X-RateLimit-Reset}
 *       (epoch seconds);
 *   <li>Linear — {@code X-RateLimit-Requests-Remaining}, {@code X-RateLimit-Requests-Limit},
 *       {@code X-RateLimit-Requests-Reset} (epoch milliseconds).
 * </ul>
 *
 * A reset value is read as epoch milliseconds when it is too large to be epoch seconds, so a
 * service that mixes the two conventions is still understood. A header that cannot be read is
 * ignored with a warning naming it and its value; the others still count.
 */
public final class RateLimitHeaders {

    private static final Logger log = LoggerFactory.getLogger(RateLimitHeaders.class);

    /** Epoch seconds stay below this until the year 5138; epoch milliseconds are above it since 1973. */
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    private static final List<String> REMAINING = List.of("X-RateLimit-Remaining", "X-RateLimit-Requests-Remaining");
    private static final List<String> LIMIT = List.of("X-RateLimit-Limit", "X-RateLimit-Requests-Limit");
    private static final List<String> RESET = List.of("X-RateLimit-Reset", "X-RateLimit-Requests-Reset");

    private RateLimitHeaders() { }

    /** Parses {@code headers} (names in any case); {@code now} resolves an HTTP-date in Retry-After. */
    public static RateLimitInfo parse(Map<String, List<String>> headers, Instant now) {
        if (headers == null || headers.isEmpty()) {
            return RateLimitInfo.NONE;
        }
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                h.put(k, v);
            }
        });
        Optional<Duration> retryAfter = first(h, "Retry-After").flatMap(v -> parseRetryAfter(v, now));
        OptionalLong remaining = firstNumber(h, REMAINING);
        OptionalLong limit = firstNumber(h, LIMIT);
        Optional<Instant> reset = Optional.empty();
        for (String name : RESET) {
            Optional<String> value = first(h, name);
            if (value.isPresent()) {
                reset = parseEpoch(name, value.get());
                if (reset.isPresent()) {
                    break;
                }
            }
        }
        return new RateLimitInfo(retryAfter, remaining, limit, reset);
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date; a date in the past means "now". Garbage: empty, with a warning. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value == null ? "" : value.trim();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return ignored("Retry-After", value, "too large");
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return ignored("Retry-After", value, "neither delay-seconds nor an HTTP-date");
        }
    }

    private static Optional<Instant> parseEpoch(String name, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                return ignored(name, value, "negative");
            }
            return Optional.of(n >= EPOCH_MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
        } catch (NumberFormatException e) {
            return ignored(name, value, "not an epoch timestamp");
        }
    }

    private static OptionalLong firstNumber(Map<String, List<String>> h, List<String> names) {
        for (String name : names) {
            Optional<String> value = first(h, name);
            if (value.isPresent()) {
                try {
                    long n = Long.parseLong(value.get().trim());
                    if (n >= 0) {
                        return OptionalLong.of(n);
                    }
                    ignored(name, value.get(), "negative");
                } catch (NumberFormatException e) {
                    ignored(name, value.get(), "not a whole number");
                }
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<String> first(Map<String, List<String>> h, String name) {
        List<String> values = h.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? Optional.empty() : Optional.of(values.get(0));
    }

    private static <T> Optional<T> ignored(String header, String value, String why) {
        log.warn("event=rate_limit_header_ignored header={} value=\"{}\" reason=\"{}\"", header, value, why);
        return Optional.empty();
    }
}
