package dev.selfheal.integrations.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.NotificationChannelContract;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmailChannelTest extends NotificationChannelContract {

    private static final String PASSWORD = "smtp-password-secret";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", PASSWORD))
            .withPerMethodLifecycle(true);

    @TempDir
    static Path dir;

    private StartTlsFront front;
    private String password = PASSWORD;

    @BeforeEach
    void startFront() throws Exception {
        front = new StartTlsFront(greenMail.getSmtp().getPort(), dir);
    }

    @AfterEach
    void stopFront() throws Exception {
        front.close();
    }

    private SmtpSettings settings(int port) {
        return new SmtpSettings("127.0.0.1", port, true, Optional.of("alerts"), Optional.of(password), "selfheal@example.org",
                List.of("oncall@example.org"), List.of("127.0.0.1"), Duration.ofSeconds(10));
    }

    @Override
    protected NotificationChannel channel() {
        return new EmailChannel(settings(front.port()));
    }

    @Override
    protected List<String> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject() + "\n" + GreenMailUtil.getBody(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Override
    protected void breakReceiver() {
        password = "wrong-password-secret";
    }

    @Override
    protected String secret() {
        return password;
    }

    @Test
    void the_mail_travels_over_starttls_with_the_title_as_subject_and_one_line_per_alert() throws Exception {
        channel().send(sample(Notification.Kind.FIRING));
        assertThat(front.upgraded()).isEqualTo(1);
        assertThat(front.refusedPlain()).isZero();
        assertThat(front.lastProtocol()).startsWith("TLSv1.");
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[FIRING] critical process_down on worker-1");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@example.org");
        assertThat(GreenMailUtil.getBody(m)).contains("- critical worker-1 process_down: worker-1 exited with code 137 (incident inc-42)");
    }

    @Test
    void a_server_without_starttls_is_refused_rather_than_sent_in_clear() {
        NotificationChannel plain = new EmailChannel(settings(greenMail.getSmtp().getPort()));
        assertThatThrownBy(() -> plain.send(sample(Notification.Kind.FIRING))).hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
