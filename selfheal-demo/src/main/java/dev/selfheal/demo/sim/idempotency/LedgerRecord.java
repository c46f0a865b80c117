package dev.selfheal.demo.sim.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the ledger's state file: an application (a request that changed state) or
 * a repeat (a request whose key had already been applied, answered from the record).
 */
public record LedgerRecord(Kind kind, Optional<String> key, String operation, Instant at, Optional<StoredAnswer> answer) {

    public enum Kind { APPLIED, REPEATED }
}
