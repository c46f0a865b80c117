package dev.selfheal.bench.nab;

import java.time.LocalDateTime;

/** One labelled anomaly window of a data file, both ends inclusive and equal to row timestamps. */
public record LabelledWindow(LocalDateTime start, LocalDateTime end) {

    public LabelledWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(LocalDateTime t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }
}
