package dev.selfheal.server.security;

import java.time.Instant;

/**
 * One mutating call: who ({@code by}, the token's name, or {@code anonymous} without tokens),
 * with which role, what ({@code method} and {@code path}), and how it ended: {@code status}
 * and {@code outcome} ({@code ok}, {@code unauthorized}, {@code forbidden}, {@code rejected}
 * for another 4xx, {@code failed} for a 5xx).
 */
public record AuditEntry(Instant at, String by, String role, String method, String path, int status, String outcome) {

    static String outcome(int status) {
        if (status < 400) {
            return "ok";
        }
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status >= 500 ? "failed" : "rejected";
        };
    }
}
