package dev.selfheal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Which live node runs a check: rendezvous (highest random weight) hashing of the check's name
 * with each node's id. Every node computes the same owner from the same set of live nodes, with
 * no coordination; when a node joins or dies only the checks it wins or held move, and each of
 * those goes to the node that scores next best for it, so the load stays spread.
 */
public final class CheckPlacement {

    private CheckPlacement() {
    }

    /** The node among {@code liveNodes} that runs {@code check}; empty when there is none. */
    public static Optional<String> owner(String check, Collection<String> liveNodes) {
        String best = null;
        long bestScore = 0;
        for (String node : liveNodes) {
            long score = score(node, check);
            // ties (practically never) go to the smaller id, so every node still agrees
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || score == bestScore && node.compareTo(best) < 0) {
                best = node;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A 64-bit weight of (node, check): FNV-1a over both names, then a finalizer that spreads the bits. */
    static long score(String node, String check) {
        long h = 0xcbf29ce484222325L;
        for (byte b : node.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L; // a byte no UTF-8 text holds: "ab"+"c" and "a"+"bc" differ
        for (byte b : check.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
