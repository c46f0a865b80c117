package dev.selfheal.demo.sim.slack;

import java.time.Instant;
import java.time.InstantSource;

/** Slack message timestamps ({@code "1712345678.000123"}): from the clock, strictly increasing, so each is a unique message ID. */
final class MessageClock {

    private final InstantSource clock;
    private long lastMicros;

    MessageClock(InstantSource clock) {
        this.clock = clock;
    }

    synchronized String next() {
        Instant now = clock.instant();
        long micros = Math.max(lastMicros + 1, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        lastMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }
}
