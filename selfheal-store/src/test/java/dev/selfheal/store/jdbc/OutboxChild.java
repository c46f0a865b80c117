package dev.selfheal.store.jdbc;

import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link OutboxKillTest}; it is killed with SIGKILL while it works.
 *
 * <pre>
 *   park   &lt;db&gt; &lt;count&gt;                 park count messages (breaker forced open), print READY, wait to be killed
 *   replay &lt;db&gt; &lt;remote&gt; &lt;hangAfterKey&gt;  replay into the remote file; after applying hangAfterKey, hang before the ack
 * </pre>
 */
public final class OutboxChild {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Database database = Database.open("jdbc:sqlite:" + args[1], null, null);
        GuardRegistry registry = GuardRegistry.builder()
                .outboxStore(new JdbcOutboxStore(database))
                .replayExecutor(Runnable::run)
                .guard(slack())
                .build();
        Guard slack = registry.guard("slack");
        switch (mode) {
            case "park" -> {
                slack.forceOpen();
                slack.outbox().registerHandler("post_message", m -> {
                    throw new IOException("slack is down");
                });
                int count = Integer.parseInt(args[2]);
                for (int i = 0; i < count; i++) {
                    slack.outbox().send("post_message", "msg-" + i, "{\"text\":\"message " + i + "\"}");
                    say("PARKED msg-" + i);
                }
                say("READY");
            }
            case "replay" -> {
                Path remote = Path.of(args[2]);
                String hangAfter = args[3];
                slack.outbox().registerHandler("post_message", m -> {
                    Files.writeString(remote, m.idempotencyKey() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
                    say("APPLIED " + m.idempotencyKey());
                    if (m.idempotencyKey().equals(hangAfter)) {
                        new CountDownLatch(1).await(); // applied on the far side, not yet acknowledged to the outbox
                    }
                });
            }
            default -> throw new IllegalArgumentException("mode must be park or replay, got " + mode);
        }
        new CountDownLatch(1).await();
    }

    static GuardConfig slack() {
        return GuardConfig.builder("slack").noTimeLimit().retry(RetrySettings.none()).fallback(Fallback.outbox(1_000)).build();
    }

    private static void say(String line) {
        System.out.println("CHILD " + line);
        System.out.flush();
    }
}
