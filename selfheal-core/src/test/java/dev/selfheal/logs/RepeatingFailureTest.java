package dev.selfheal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatingFailureTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final RepeatingFailure failure;

    RepeatingFailureTest() {
        Logger logger = new LoggerContext().getLogger("test");
        lines.start();
        logger.addAppender(lines);
        failure = new RepeatingFailure(logger, "store_write_failed", Duration.ofMinutes(1), nanos::get);
    }

    @Test
    void aFailureRepeatedEveryTwoSecondsForAnHourCostsOneTraceAndALineAMinute() {
        IOException full = new IOException("No space left on device");

        for (int second = 0; second < 3600; second += 2) {
            nanos.set(Duration.ofSeconds(second).toNanos());
            failure.failed("kind=results lost=1", full);
        }

        assertThat(lines.list).hasSize(60);
        assertThat(lines.list.getFirst().getThrowableProxy()).isNotNull();
        assertThat(lines.list.subList(1, 60)).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(lines.list.get(1).getFormattedMessage()).contains("repeats=30", "since_first_ms=60000", "No space left on device");
    }

    @Test
    void theFirstSuccessEndsTheEpisodeWithOneLineAndTheNextFailureIsLoggedInFullAgain() {
        failure.failed("a=1", new IOException("full"));
        failure.failed("a=1", new IOException("full"));
        nanos.set(Duration.ofSeconds(5).toNanos());

        failure.succeeded();
        failure.succeeded();
        failure.failed("a=1", new IOException("full again"));

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("event=store_write_failed a=1 error=\"java.io.IOException: full\"",
                        "event=store_write_failed_recovered failures=2 lasted_ms=5000",
                        "event=store_write_failed a=1 error=\"java.io.IOException: full again\"");
        assertThat(failure.isFailing()).isTrue();
    }
}
