package dev.selfheal.alerting;

import java.util.Map;
import java.util.TreeMap;

/**
 * An alert's identity across repeats: component, problem type and labels, hashed (64-bit
 * FNV-1a over the sorted labels, as 16 hex digits). Label order does not matter; severity and
 * urgency are not part of it, so a worsening alert stays the same alert.
 */
final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() { }

    public static String of(String component, String problemType, Map<String, String> labels) {
        long h = OFFSET;
        h = mix(h, component);
        h = mix(h, "\u0000");
        h = mix(h, problemType);
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (Alert.DERIVED_LABELS.contains(e.getKey())) {
                continue;
            }
            h = mix(h, "\u0001");
            h = mix(h, e.getKey());
            h = mix(h, "=");
            h = mix(h, e.getValue());
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return h;
    }
}
