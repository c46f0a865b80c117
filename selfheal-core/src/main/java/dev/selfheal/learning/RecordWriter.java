package dev.selfheal.learning;

import dev.selfheal.logs.RepeatingFailure;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes recovery records off the engine's thread. The engine hands a run over under its lock;
 * a slow or broken database must not hold healing up, so the write is queued on an executor
 * (one thread keeps the records in order) and a failed or refused write is logged and counted,
 * never thrown back.
 */
final class RecordWriter {

    private static final Logger log = LoggerFactory.getLogger(RecordWriter.class);

    private final RecoveryRecordStore store;
    private final Executor executor;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RepeatingFailure writeFailure = new RepeatingFailure(log, "recovery_record_write_failed");

    RecordWriter(RecoveryRecordStore store, Executor executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    void write(RecoveryRecord record) {
        try {
            executor.execute(() -> {
                try {
                    store.append(record);
                    written.incrementAndGet();
                    writeFailure.succeeded();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    writeFailure.failed("incident=" + record.incidentId(), e); // a full disk fails every write: a count a minute
                }
            });
        } catch (RejectedExecutionException e) {
            failed.incrementAndGet();
            log.error("event=recovery_record_dropped incident={} reason=\"writer refused: {}\"", record.incidentId(), e.toString());
        }
    }

    long written() {
        return written.get();
    }

    long failed() {
        return failed.get();
    }
}
