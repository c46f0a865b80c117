package dev.selfheal.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selfheal.server.config.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An alert storm refused with 429 used to cost one INFO line per refusal (92,000 lines a minute in `bench storm`). */
class AuditLogTest {

    private static final String INGEST = "/api/v1/alertmanager";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.class);
    private final StepClock clock = new StepClock();
    private final AuditLog audit = new AuditLog(SecretMasker.NONE, clock);

    AuditLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void refusalsForLoadAreWrittenOnceThenCountedAndEveryOneIsInALineOrACount() {
        // 2,000 refusals a second for three minutes, and a call that was let in every ten seconds
        int refused = 0;
        for (int ms = 0; ms < 180_000; ms += 1) {
            clock.at(ms);
            if (ms % 10_000 == 0) {
                audit.record(entry(200));
            }
            audit.record(entry(429));
            audit.record(entry(429));
            refused += 2;
            if (ms % 5_000 == 0) {
                audit.flush();
            }
        }
        audit.flushAll();

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).filteredOn(m -> m.contains("status=200")).hasSize(18);
        List<String> refusals = messages.stream().filter(m -> m.contains("status=429")).toList();
        assertThat(refusals).hasSizeLessThanOrEqualTo(2 * 3 + 1);
        long counted = refusals.stream().mapToLong(m -> m.contains("repeats=") ? Long.parseLong(m.replaceAll(".*repeats=(\\d+).*", "$1")) : 1).sum();
        assertThat(counted).isEqualTo(refused);
        assertThat(refusals.get(1)).startsWith("event=audit_repeated by=alertmanager role=ingest method=POST path=\"" + INGEST + "\" status=429");
        assertThat(audit.latest(1_000).stream().filter(e -> e.status() == 429).mapToLong(AuditEntry::repeats).sum()).isEqualTo(counted);
    }

    @Test
    void aWindowThatIsOverIsWrittenByTheNextCallOrTheTimerAndOtherRefusalsAreWrittenEachTime() {
        audit.record(entry(429));
        audit.record(entry(429));
        audit.record(entry(401));
        audit.record(entry(401));
        clock.at(AuditLog.REPEAT_WINDOW.toMillis() - 1);
        audit.flush();
        assertThat(lines.list).hasSize(3);

        clock.at(AuditLog.REPEAT_WINDOW.toMillis());
        audit.flush();

        assertThat(lines.list).hasSize(4);
        assertThat(lines.list.getLast().getFormattedMessage()).contains("repeats=1", "first=1970-01-01T00:00:00Z");
        audit.flush();
        assertThat(lines.list).hasSize(4);
    }

    private AuditEntry entry(int status) {
        return new AuditEntry(clock.instant(), "alertmanager", "ingest", "POST", INGEST, status, AuditEntry.outcome(status));
    }

    private static final class StepClock extends Clock {
        private Instant now = Instant.EPOCH;

        void at(long millis) {
            now = Instant.EPOCH.plus(Duration.ofMillis(millis));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
