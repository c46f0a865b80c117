package dev.selfheal.degradation;

import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthReport;
import dev.selfheal.status.HealthStatus;

/**
 * What the degradation score is computed from.
 *
 * @param overallHealthy        the overall health is HEALTHY (then, without resource pressure or violations, the score is 0)
 * @param unhealthyComponents   components UNHEALTHY now (every check counts, not only integrations)
 * @param performanceViolations performance thresholds crossed now
 * @param cpuUsage              CPU use, 0..1 (NaN when unknown)
 * @param memoryUsage           memory use, 0..1 (NaN when unknown)
 */
public record DegradationInputs(boolean overallHealthy, int unhealthyComponents, int performanceViolations,
                                double cpuUsage, double memoryUsage) {

    public static final DegradationInputs HEALTHY = new DegradationInputs(true, 0, 0, Double.NaN, Double.NaN);

    public DegradationInputs {
        if (unhealthyComponents < 0 || performanceViolations < 0) {
            throw new IllegalArgumentException("degradation inputs: counts must not be negative");
        }
    }

    /** From a health report, plus the figures health checks do not carry. */
    public static DegradationInputs from(HealthReport report, int performanceViolations, double cpuUsage, double memoryUsage) {
        int unhealthy = (int) report.groups().stream().flatMap(g -> g.components().stream())
                .map(ComponentHealth::status).filter(s -> s == HealthStatus.UNHEALTHY).count();
        return new DegradationInputs(report.status() == HealthStatus.HEALTHY, unhealthy, performanceViolations, cpuUsage, memoryUsage);
    }

    /** The score: +1 per unhealthy component, +0.5 per violation, +2 CPU > 90 %, +2 memory > 90 %. */
    public double score() {
        if (overallHealthy && performanceViolations == 0 && !(cpuUsage > 0.9) && !(memoryUsage > 0.9)) {
            return 0;
        }
        double score = unhealthyComponents + 0.5 * performanceViolations;
        if (cpuUsage > 0.9) {
            score += 2;
        }
        if (memoryUsage > 0.9) {
            score += 2;
        }
        return score;
    }
}
