package dev.selfheal.patterns;

import dev.selfheal.patterns.TemporalPattern.Recurrence;
import dev.selfheal.patterns.TemporalPatternFinder.Candidate;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One component's failures as hour cells (day × hour of day): which cells saw a failure, and when. */
final class CellHistory {

    private final int days;
    private final BitSet cells;
    private final Map<Integer, Instant> first = new HashMap<>();
    private final Map<Integer, Instant> last = new HashMap<>();

    CellHistory(int days) {
        this.days = days;
        this.cells = new BitSet(days * 24);
    }

    void add(int day, int hour, Instant at) {
        int cell = day * 24 + hour;
        cells.set(cell);
        first.merge(cell, at, (a, b) -> a.isBefore(b) ? a : b);
        last.merge(cell, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    private boolean hit(int day, int hour) {
        return cells.get(day * 24 + hour);
    }

    /** Every slot of this component as a test: 24 daily hours and 7 × 24 weekday hours. */
    void candidates(String component, LocalDate firstDay, List<Candidate> out) {
        int total = cells.cardinality();
        long allCells = (long) days * 24;
        for (int h = 0; h < 24; h++) {
            int hits = 0;
            for (int d = 0; d < days; d++) {
                hits += hit(d, h) ? 1 : 0;
            }
            out.add(candidate(component, Optional.empty(), h, hits, days, total, allCells));
        }
        for (DayOfWeek dow : DayOfWeek.values()) {
            List<Integer> dowDays = daysOn(dow, firstDay);
            if (dowDays.isEmpty()) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                int hits = 0;
                for (int d : dowDays) {
                    hits += hit(d, h) ? 1 : 0;
                }
                out.add(candidate(component, Optional.of(dow), h, hits, dowDays.size(), total, allCells));
            }
        }
    }

    /**
     * The p-value of the daily slot at {@code hour} over the days not on {@code without}, against
     * the component's base rate from its other cells (as {@link #candidates}).
     */
    double pValueWithout(int hour, DayOfWeek without, LocalDate firstDay) {
        int hits = 0;
        int trials = 0;
        int slotHits = 0;
        for (int d = 0; d < days; d++) {
            slotHits += hit(d, hour) ? 1 : 0;
            if (firstDay.plusDays(d).getDayOfWeek() != without) {
                trials++;
                hits += hit(d, hour) ? 1 : 0;
            }
        }
        double base = (cells.cardinality() - slotHits + 1.0) / ((long) days * 24 - days + 2.0);
        return hits == 0 ? 1.0 : Significance.binomialUpperTail(trials, hits, Math.min(1.0, base));
    }

    private static Candidate candidate(String component, Optional<DayOfWeek> day, int hour, int hits, int trials, int total, long allCells) {
        // base rate from the component's other cells, add-one smoothed
        double base = (total - hits + 1.0) / (allCells - trials + 2.0);
        double p = hits == 0 ? 1.0 : Significance.binomialUpperTail(trials, hits, Math.min(1.0, base));
        return new Candidate(component, day, hour, hits, trials, p, 1.0);
    }

    private List<Integer> daysOn(DayOfWeek dow, LocalDate firstDay) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            if (firstDay.plusDays(d).getDayOfWeek() == dow) {
                out.add(d);
            }
        }
        return out;
    }

    /** The pattern a run of adjacent significant slots makes. */
    TemporalPattern pattern(String component, List<Candidate> run, LocalDate firstDay, TemporalPatternFinder.Settings settings) {
        Optional<DayOfWeek> dow = run.getFirst().day();
        List<Integer> periods = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            if (dow.isEmpty() || firstDay.plusDays(d).getDayOfWeek() == dow.get()) {
                periods.add(d);
            }
        }
        int from = run.getFirst().hour();
        int to = run.getLast().hour() + 1;
        int hits = 0;
        Instant firstSeen = null;
        Instant lastSeen = null;
        List<Boolean> hitByPeriod = new ArrayList<>();
        for (int d : periods) {
            boolean any = false;
            for (int h = from; h < to; h++) {
                int cell = d * 24 + h;
                if (cells.get(cell)) {
                    any = true;
                    Instant f = first.get(cell);
                    Instant l = last.get(cell);
                    firstSeen = firstSeen == null || f.isBefore(firstSeen) ? f : firstSeen;
                    lastSeen = lastSeen == null || l.isAfter(lastSeen) ? l : lastSeen;
                }
            }
            hits += any ? 1 : 0;
            hitByPeriod.add(any);
        }
        int recentTrials = Math.min(settings.recentPeriods(), periods.size());
        int recentHits = (int) hitByPeriod.subList(periods.size() - recentTrials, periods.size()).stream().filter(b -> b).count();
        int expire = Math.min(settings.expireAfter(), periods.size());
        boolean active = hitByPeriod.subList(periods.size() - expire, periods.size()).contains(true);
        double p = run.stream().mapToDouble(Candidate::pValue).min().orElse(1);
        double q = run.stream().mapToDouble(Candidate::qValue).min().orElse(1);
        Recurrence recurrence = dow.isEmpty() ? Recurrence.DAILY : Recurrence.WEEKLY;
        return new TemporalPattern(component, recurrence, dow, from, to, settings.zone(), hits, periods.size(), p, q,
                firstSeen, lastSeen, recentHits, recentTrials, active);
    }
}
