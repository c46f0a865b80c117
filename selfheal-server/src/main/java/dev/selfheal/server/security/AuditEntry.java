package dev.selfheal.server.security;

import java.time.Instant;

/**
 * One mutating call: who ({@code by}, the token's name, or {@code anonymous} without tokens),
 * with which role, what ({@code method} and {@code path}), and how it ended: {@code status}
 * and {@code outcome} ({@code ok}, {@code unauthorized}, {@code forbidden}, {@code rejected}
 * for another 4xx, {@code failed} for a 5xx). {@code repeats} is 1, or, for the summary of calls
 * refused for load ({@code 429}) that {@link AuditLog} counted instead of logging each, how many
 * such calls the entry stands for ({@code at} the last of them).
 */
public record AuditEntry(Instant at, String by, String role, String method, String path, int status, String outcome, long repeats) {

    public AuditEntry(Instant at, String by, String role, String method, String path, int status, String outcome) {
        this(at, by, role, method, path, status, outcome, 1);
    }

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
