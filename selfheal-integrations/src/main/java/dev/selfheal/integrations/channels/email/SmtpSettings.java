package dev.selfheal.integrations.channels.email;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to send mail. STARTTLS is required unless {@code startTls} is false (a local
 * relay); the password is handed to the SMTP session and nowhere else.
 *
 * @param trustHosts hosts whose certificate is trusted without a CA (a relay with a
 *                   self-signed certificate); empty: the JDK's trust store decides
 */
public record SmtpSettings(String host, int port, boolean startTls, Optional<String> username, Optional<String> password,
                           String from, List<String> to, List<String> trustHosts, java.time.Duration timeout) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("smtp port must be within 1-65535, got " + port);
        }
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("email: 'to' needs at least one address");
        }
        trustHosts = List.copyOf(trustHosts);
        Objects.requireNonNull(from, "from");
    }
}
