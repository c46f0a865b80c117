package dev.selfheal.bench.guards;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats the guards bench: the table, and the RESULT line. */
final class GuardsReport {

    private GuardsReport() { }

    static String table(Map<String, GuardsBenchCommand.Cell> cells, List<Integer> threads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-26s %7s %14s %12s %12s %14s%n",
                "benchmark", "threads", "ns/op", "± ns/op", "B/op", "vs raw r4j"));
        out.append("-".repeat(90)).append('\n');
        for (int t : threads) {
            for (String b : GuardsBenchCommand.BENCHMARKS) {
                GuardsBenchCommand.Cell c = cells.get(b + "@" + t);
                if (c == null) {
                    continue;
                }
                GuardsBenchCommand.Cell peer = cells.get((b.endsWith("NoTimeLimit") ? "resilience4jNoTimeLimit" : "resilience4j") + "@" + t);
                String ratio = peer == null || b.startsWith("bare") ? "" : String.format(Locale.ROOT, "%.3f", c.nsPerOp() / peer.nsPerOp());
                out.append(String.format(Locale.ROOT, "%-26s %7d %14.1f %12.1f %12.1f %14s%n",
                        b, t, c.nsPerOp(), c.nsError(), c.bytesPerOp(), ratio));
            }
        }
        return out.toString();
    }

    static String resultLine(Map<String, GuardsBenchCommand.Cell> cells) {
        GuardsBenchCommand.Cell guard = cells.get("guard@1");
        GuardsBenchCommand.Cell r4j = cells.get("resilience4j@1");
        GuardsBenchCommand.Cell failsafe = cells.get("failsafe@1");
        GuardsBenchCommand.Cell bare = cells.get("bare@1");
        GuardsBenchCommand.Cell guardNt = cells.get("guardNoTimeLimit@1");
        GuardsBenchCommand.Cell r4jNt = cells.get("resilience4jNoTimeLimit@1");
        GuardsBenchCommand.Cell guardContended = cells.get("guardNoTimeLimit@2");
        GuardsBenchCommand.Cell r4jContended = cells.get("resilience4jNoTimeLimit@2");
        if (guard == null || r4j == null || failsafe == null || bare == null) {
            return "RESULT error=one_thread_results_missing";
        }
        return String.format(Locale.ROOT,
                "RESULT ratio_vs_resilience4j=%.3f ns_guard=%.1f ns_resilience4j=%.1f ns_failsafe=%.1f ns_bare=%.1f alloc_guard=%.1f alloc_resilience4j=%.1f ratio_no_time_limit=%.3f ratio_contended=%.3f",
                guard.nsPerOp() / r4j.nsPerOp(), guard.nsPerOp(), r4j.nsPerOp(), failsafe.nsPerOp(), bare.nsPerOp(),
                guard.bytesPerOp(), r4j.bytesPerOp(),
                guardNt == null || r4jNt == null ? Double.NaN : guardNt.nsPerOp() / r4jNt.nsPerOp(),
                guardContended == null || r4jContended == null ? Double.NaN : guardContended.nsPerOp() / r4jContended.nsPerOp());
    }
}
