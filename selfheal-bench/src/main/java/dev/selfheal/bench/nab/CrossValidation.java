package dev.selfheal.bench.nab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores that a detector earns on data whose threshold it did not see: NAB's sweep picks one
 * threshold per profile, and picking it on the files one reports is a fit like any other.
 *
 * <p>Leave one category out: for each category (a fold) the threshold of each profile is the
 * one that maximises the raw score of all the other categories together, and the fold is scored
 * at it. A category without labelled windows cannot be scored alone (NAB normalises by windows),
 * so it joins the category whose name shares the longest prefix with its own
 * ({@code artificialNoAnomaly} joins {@code artificialWithAnomaly}): its false alarms still count.
 *
 * <p>Two halves: the folds in name order, alternately, make two fixed halves; each half is scored
 * at the thresholds chosen on the other. A part of a detector earns its place only when it helps
 * on both.
 */
final class CrossValidation {

    /** Files of one or more categories scored together. */
    record Fold(String name, List<ScorableFile> files) {

        int windows() {
            return files.stream().mapToInt(ScorableFile::windowCount).sum();
        }
    }

    /** A fold's held-out score and the threshold it was scored at, one of each per profile. */
    record Held(Fold fold, double[] threshold, double[] score) {
    }

    /** Every fold held out in turn, with the mean and the worst per profile. */
    record Result(List<Held> folds, double[] mean, double[] worst) {
    }

    private CrossValidation() {
    }

    static String categoryOf(ScorableFile file) {
        int slash = file.name().indexOf('/');
        return slash < 0 ? "" : file.name().substring(0, slash);
    }

    /** The folds: one per category, windowless categories joined to their nearest-named one. */
    static List<Fold> folds(List<ScorableFile> files) {
        Map<String, List<ScorableFile>> byCategory = new TreeMap<>();
        for (ScorableFile f : files) {
            byCategory.computeIfAbsent(categoryOf(f), c -> new ArrayList<>()).add(f);
        }
        Map<String, String> joins = new TreeMap<>();
        for (Map.Entry<String, List<ScorableFile>> e : byCategory.entrySet()) {
            if (windows(e.getValue()) == 0) {
                String partner = nearestWithWindows(e.getKey(), byCategory);
                if (partner != null) {
                    joins.put(e.getKey(), partner);
                }
            }
        }
        Map<String, List<ScorableFile>> merged = new TreeMap<>();
        for (Map.Entry<String, List<ScorableFile>> e : byCategory.entrySet()) {
            String into = joins.getOrDefault(e.getKey(), e.getKey());
            merged.computeIfAbsent(into, c -> new ArrayList<>()).addAll(e.getValue());
        }
        List<Fold> folds = new ArrayList<>();
        for (Map.Entry<String, List<ScorableFile>> e : merged.entrySet()) {
            String name = e.getKey();
            for (Map.Entry<String, String> j : joins.entrySet()) {
                if (j.getValue().equals(e.getKey())) {
                    name = commonPrefix(name, j.getKey()) + "*";
                }
            }
            if (windows(e.getValue()) > 0) {
                folds.add(new Fold(name, List.copyOf(e.getValue())));
            }
        }
        return folds;
    }

    /** Each fold scored at the thresholds chosen on all the others. */
    static Result leaveOneOut(List<Fold> folds) {
        if (folds.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least two categories with labelled windows; found "
                    + folds.size());
        }
        List<NabProfile> profiles = NabProfile.all();
        List<Held> held = new ArrayList<>();
        double[] mean = new double[profiles.size()];
        double[] worst = new double[profiles.size()];
        java.util.Arrays.fill(worst, Double.POSITIVE_INFINITY);
        for (Fold fold : folds) {
            List<ScorableFile> training = new ArrayList<>();
            for (Fold other : folds) {
                if (other != fold) {
                    training.addAll(other.files());
                }
            }
            Held h = scoreWithThresholdsFrom(training, fold);
            held.add(h);
            for (int p = 0; p < profiles.size(); p++) {
                mean[p] += h.score()[p] / folds.size();
                worst[p] = Math.min(worst[p], h.score()[p]);
            }
        }
        return new Result(held, mean, worst);
    }

    /** The two fixed halves (folds in name order, alternately), each scored at the other's thresholds. */
    static List<Held> halves(List<Fold> folds) {
        List<ScorableFile> first = new ArrayList<>();
        List<ScorableFile> second = new ArrayList<>();
        StringBuilder firstName = new StringBuilder();
        StringBuilder secondName = new StringBuilder();
        for (int i = 0; i < folds.size(); i++) {
            (i % 2 == 0 ? first : second).addAll(folds.get(i).files());
            StringBuilder name = i % 2 == 0 ? firstName : secondName;
            name.append(name.isEmpty() ? "" : "+").append(folds.get(i).name());
        }
        Fold a = new Fold(firstName.toString(), first);
        Fold b = new Fold(secondName.toString(), second);
        return List.of(scoreWithThresholdsFrom(second, a), scoreWithThresholdsFrom(first, b));
    }

    private static Held scoreWithThresholdsFrom(List<ScorableFile> training, Fold heldOut) {
        List<NabProfile> profiles = NabProfile.all();
        double[] threshold = new double[profiles.size()];
        double[] score = new double[profiles.size()];
        for (int p = 0; p < profiles.size(); p++) {
            SweepScorer scorer = new SweepScorer(profiles.get(p));
            threshold[p] = scorer.optimise(training).threshold();
            score[p] = scorer.scoreAt(heldOut.files(), threshold[p]).normalised();
        }
        return new Held(heldOut, threshold, score);
    }

    private static int windows(List<ScorableFile> files) {
        return files.stream().mapToInt(ScorableFile::windowCount).sum();
    }

    private static String nearestWithWindows(String category, Map<String, List<ScorableFile>> byCategory) {
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, List<ScorableFile>> e : byCategory.entrySet()) {
            if (windows(e.getValue()) == 0) {
                continue;
            }
            int length = commonPrefix(category, e.getKey()).length();
            if (length > bestLength) {
                best = e.getKey();
                bestLength = length;
            }
        }
        return best;
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return a.substring(0, n);
    }
}
