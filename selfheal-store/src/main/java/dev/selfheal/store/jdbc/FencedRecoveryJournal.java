package dev.selfheal.store.jdbc;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryJournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The recovery journal of a node in a cluster: a step begins only under the current lease.
 *
 * <p>{@link #begin} runs in one transaction that first reads the lease row {@code FOR SHARE}
 * with this node's token and then inserts the step with that token. If the token is not the
 * current one, or the lease expired on the database's clock, nothing is written and
 * {@link FencedOutException} says why; the engine then drops the run without acting. While the
 * transaction holds the row, no other node can acquire the lease, so a step that committed was
 * begun by the leader of that moment. Since the engine starts an action only after its step
 * committed, a deposed node's action never starts through this journal.
 *
 * <p>Ending a step is not fenced: it only closes this node's own RUNNING row, and the first
 * ending wins (a new leader that already marked it INTERRUPTED keeps that).
 */
public final class FencedRecoveryJournal implements RecoveryJournal {

    private final Jdbi jdbi;
    private final FencedWrite fenced;
    private final JdbcRecoveryJournal journal;

    public FencedRecoveryJournal(Database database, LeaseFence fence) {
        this.fenced = new FencedWrite(database, fence);
        this.jdbi = database.jdbi();
        this.journal = new JdbcRecoveryJournal(database);
    }

    @Override
    public void begin(RecoveryJournalEntry entry) {
        fenced.run("step %s of %s".formatted(entry.stepId(), entry.action()), "not begun",
                (h, token) -> JdbcRecoveryJournal.insert(h, entry, token.value()));
    }

    /** The token a step began under (0 when begun on a single node), for the audit. */
    public Optional<Long> tokenOf(String stepId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT fencing_token FROM recovery_journal WHERE step_id = :step")
                .bind("step", stepId).mapTo(Long.class).findOne());
    }

    @Override
    public boolean end(String stepId, RecoveryJournalEntry.Status outcome, Instant at, String message) {
        return journal.end(stepId, outcome, at, message);
    }

    @Override
    public Optional<RecoveryJournalEntry> find(String stepId) {
        return journal.find(stepId);
    }

    @Override
    public List<RecoveryJournalEntry> running() {
        return journal.running();
    }

    @Override
    public List<RecoveryJournalEntry> since(String component, java.time.Instant since) {
        return journal.since(component, since);
    }

    @Override
    public List<RecoveryJournalEntry> forIncident(String incidentId) {
        return journal.forIncident(incidentId);
    }
}
