package dev.selfheal.patterns;

/**
 * Two components whose failures start together (within the lag, either order) more often than
 * chance, with no dependency between them that explains it: a shared host, deploy or upstream.
 *
 * @param a          one component (the smaller name)
 * @param b          the other
 * @param together   failure episodes of either that the other joined within the lag
 * @param support    {@code together} over all failure episodes of both
 * @param lift       observed over expected by chance
 * @param qValue     Benjamini-Hochberg adjusted p-value over every pair tested
 * @param sharedUpstream a component both follow, when that is the likely explanation, else empty
 */
public record Correlation(String a, String b, long together, double support, double lift, double qValue, String sharedUpstream) {
}
