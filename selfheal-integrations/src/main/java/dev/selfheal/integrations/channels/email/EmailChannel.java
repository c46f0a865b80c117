package dev.selfheal.integrations.channels.email;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * Email over SMTP with STARTTLS, through Jakarta Mail (Eclipse Angus). Chosen over a
 * hand-written SMTP client: STARTTLS upgrade, AUTH mechanisms, dot-stuffing, header and
 * UTF-8 encoding are easy to get subtly wrong, and Angus is the reference implementation.
 * Plain text, subject = the notification's title.
 */
public final class EmailChannel implements NotificationChannel {

    private final SmtpSettings settings;
    private final Session session;

    public EmailChannel(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(settings.trustHosts().isEmpty()));
        if (!settings.trustHosts().isEmpty()) {
            p.put("mail.smtp.ssl.trust", String.join(" ", settings.trustHosts()));
        }
        p.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        Authenticator auth = null;
        if (settings.username().isPresent()) {
            p.put("mail.smtp.auth", "true");
            String user = settings.username().get();
            String password = settings.password().orElse("");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public void send(Notification n) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(n.title(), "UTF-8");
        m.setText(n.text(), "UTF-8");
        m.setSentDate(Date.from(n.at()));
        m.setHeader("X-Selfheal-Group", n.groupKey());
        try {
            Transport.send(m);
        } catch (MessagingException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new MessagingException("email via %s:%d failed: %s".formatted(settings.host(), settings.port(),
                    settings.password().map(pw -> message.replace(pw, "***")).orElse(message)));
        }
    }
}
