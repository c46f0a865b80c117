package dev.selfheal.patterns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds components that fail at the same hour of the day, or of one day of the week, more often
 * than chance.
 *
 * <h2>The test</h2>
 * History is cut into cells of one hour. For a component and a slot (hour h every day, or hour h
 * on one weekday) the count is the number of periods (days, weeks) with a failure in that slot,
 * out of the periods observed. Under the null hypothesis the component fails in any cell with its
 * own base rate p, estimated from its other cells (leave the slot out, so that a strong pattern
 * does not raise its own bar; add-one smoothing so that a quiet component has p &gt; 0). The
 * p-value is the binomial upper tail P(X ≥ hits | trials, p). Every slot of every component is
 * one test, and Benjamini-Hochberg over all of them keeps the expected share of false patterns at
 * the configured rate. A slot needs {@code minHits} hits as well, so that two coincidences on a
 * quiet component are not a pattern.
 *
 * <h2>Shaping the answer</h2>
 * Adjacent significant hours merge into one window (a failure at 02:55 ± 10 min lands in 02:00
 * and 03:00). When a weekday's slot is significant and the daily slot of that hour is not
 * significant on the other six weekdays (at the Benjamini-Hochberg cutoff), the pattern is
 * weekly, not daily: a busy component's failures at that hour on other days do not make it
 * daily. A daily pattern that stands without its strongest weekday stays daily, alone. A pattern with no hit in its last {@code expireAfter} periods is kept but marked
 * inactive: it stopped recurring.
 */
public final class TemporalPatternFinder {

    /** Tuning, with the defaults used everywhere unless configured. */
    public record Settings(ZoneId zone, double falseDiscoveryRate, int minHits, int expireAfter, int recentPeriods) {
        public static final Settings DEFAULTS = new Settings(ZoneId.of("UTC"), 0.01, 3, 3, 10);

        public Settings {
            if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
                throw new IllegalArgumentException("patterns false-discovery rate must be in (0, 1): " + falseDiscoveryRate);
            }
            if (minHits < 1 || expireAfter < 1 || recentPeriods < 1) {
                throw new IllegalArgumentException("patterns minHits, expireAfter and recentPeriods must be >= 1");
            }
        }
    }

    private final Settings settings;

    public TemporalPatternFinder(Settings settings) {
        this.settings = settings;
    }

    public TemporalPatternFinder() {
        this(Settings.DEFAULTS);
    }

    /**
     * Patterns in the failures that started in the whole days ending at {@code to} and starting
     * no earlier than {@code from}; events outside are ignored.
     */
    public List<TemporalPattern> find(List<FailureEvent> events, Instant from, Instant to) {
        ZoneId zone = settings.zone();
        LocalDate lastDay = ZonedDateTime.ofInstant(to, zone).toLocalDate().minusDays(1);
        LocalDate firstDay = ZonedDateTime.ofInstant(from, zone).toLocalDate();
        if (!ZonedDateTime.ofInstant(from, zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            firstDay = firstDay.plusDays(1);
        }
        int days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
        if (days < settings.minHits()) {
            return List.of();
        }
        Map<String, CellHistory> byComponent = new TreeMap<>();
        for (FailureEvent e : events) {
            ZonedDateTime local = ZonedDateTime.ofInstant(e.start(), zone);
            long day = local.toLocalDate().toEpochDay() - firstDay.toEpochDay();
            if (day < 0 || day >= days) {
                continue;
            }
            byComponent.computeIfAbsent(e.component(), c -> new CellHistory(days)).add((int) day, local.getHour(), e.start());
        }
        List<Candidate> candidates = new ArrayList<>();
        for (var entry : byComponent.entrySet()) {
            entry.getValue().candidates(entry.getKey(), firstDay, candidates);
        }
        double[] p = candidates.stream().mapToDouble(Candidate::pValue).toArray();
        double[] q = Significance.benjaminiHochberg(p);
        List<Candidate> significant = new ArrayList<>();
        double cutoff = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i).withQ(q[i]);
            if (c.qValue() <= settings.falseDiscoveryRate() && c.hits() >= settings.minHits()) {
                significant.add(c);
                cutoff = Math.max(cutoff, c.pValue());
            }
        }
        return shape(significant, byComponent, firstDay, cutoff);
    }

    /**
     * @param cutoff the largest p-value that passed Benjamini-Hochberg: the level a daily slot must
     *               still reach on the other weekdays when one weekday's slot is significant too
     */
    private List<TemporalPattern> shape(List<Candidate> significant, Map<String, CellHistory> histories, LocalDate firstDay, double cutoff) {
        Map<String, List<Candidate>> byComponent = new TreeMap<>();
        significant.forEach(c -> byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c));
        List<TemporalPattern> out = new ArrayList<>();
        for (var entry : byComponent.entrySet()) {
            CellHistory h = histories.get(entry.getKey());
            Map<Integer, Candidate> daily = new TreeMap<>();
            Map<Integer, List<Candidate>> weeklyByHour = new HashMap<>();
            for (Candidate c : entry.getValue()) {
                if (c.day().isEmpty()) {
                    daily.put(c.hour(), c);
                } else {
                    weeklyByHour.computeIfAbsent(c.hour(), k -> new ArrayList<>()).add(c);
                }
            }
            // a daily slot that is significant only through its strongest weekday is that
            // weekday's pattern: the daily slot is tested again without that weekday
            List<Candidate> weekly = new ArrayList<>();
            for (var w : weeklyByHour.entrySet()) {
                Candidate d = daily.get(w.getKey());
                Candidate strongest = w.getValue().stream().min(Comparator.comparingDouble(Candidate::pValue)).orElseThrow();
                if (d == null) {
                    weekly.addAll(w.getValue());
                } else if (h.pValueWithout(w.getKey(), strongest.day().orElseThrow(), firstDay) > cutoff) {
                    weekly.add(strongest);
                    daily.remove(w.getKey());
                }
            }
            mergeRuns(new ArrayList<>(daily.values())).forEach(run -> out.add(h.pattern(entry.getKey(), run, firstDay, settings)));
            Map<DayOfWeek, List<Candidate>> weeklyByDay = new TreeMap<>();
            weekly.forEach(c -> weeklyByDay.computeIfAbsent(c.day().orElseThrow(), k -> new ArrayList<>()).add(c));
            weeklyByDay.values().forEach(list -> {
                list.sort(Comparator.comparingInt(Candidate::hour));
                mergeRuns(list).forEach(run -> out.add(h.pattern(entry.getKey(), run, firstDay, settings)));
            });
        }
        return out;
    }

    private static List<List<Candidate>> mergeRuns(List<Candidate> sortedByHour) {
        List<List<Candidate>> runs = new ArrayList<>();
        for (Candidate c : sortedByHour) {
            if (!runs.isEmpty()) {
                List<Candidate> last = runs.getLast();
                if (last.getLast().hour() + 1 == c.hour()) {
                    last.add(c);
                    continue;
                }
            }
            runs.add(new ArrayList<>(List.of(c)));
        }
        return runs;
    }

    /** One tested slot: hour h daily ({@code day} empty) or hour h on one weekday. */
    record Candidate(String component, Optional<DayOfWeek> day, int hour, int hits, int trials, double pValue, double qValue) {
        Candidate withQ(double q) {
            return new Candidate(component, day, hour, hits, trials, pValue, q);
        }
    }
}
