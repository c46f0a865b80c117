package dev.selfheal.alerting.routing;

import dev.selfheal.alerting.NotificationChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * A named destination: one channel, its rate limit, and the receiver to fall back to when
 * the channel keeps failing (or is over its rate limit).
 *
 * @param ratePerMinute notifications per minute this channel may send (burst the same); 0 = unlimited
 */
public record Receiver(String name, NotificationChannel channel, int ratePerMinute, Optional<String> fallback) {

    public Receiver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        if (ratePerMinute < 0) {
            throw new IllegalArgumentException("receiver %s: rate-per-minute must not be negative, got %d".formatted(name, ratePerMinute));
        }
        Objects.requireNonNull(fallback, "fallback");
        if (fallback.filter(name::equals).isPresent()) {
            throw new IllegalArgumentException("receiver %s: cannot fall back to itself".formatted(name));
        }
    }

    public static Receiver of(String name, NotificationChannel channel) {
        return new Receiver(name, channel, 0, Optional.empty());
    }

    public Receiver fallingBackTo(String other) {
        return new Receiver(name, channel, ratePerMinute, Optional.of(other));
    }

    public Receiver limitedTo(int perMinute) {
        return new Receiver(name, channel, perMinute, fallback);
    }
}
