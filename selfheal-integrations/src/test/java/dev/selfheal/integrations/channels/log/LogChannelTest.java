package dev.selfheal.integrations.channels.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannelContract;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogChannelTest {

    @Test
    void each_alert_of_a_notification_is_one_key_value_line() {
        Logger logger = (Logger) LoggerFactory.getLogger("selfheal.notifications");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            new LogChannel().send(NotificationChannelContract.sample(Notification.Kind.FIRING));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("kind=firing").contains("component=worker-1").contains("flapping=false").contains("incident=inc-42"));
    }
}
