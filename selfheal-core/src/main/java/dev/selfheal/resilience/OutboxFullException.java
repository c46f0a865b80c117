package dev.selfheal.resilience;

import java.io.Serial;

/** The call could not be made and could not be parked either: the integration's outbox is at its cap. */
public class OutboxFullException extends GuardException {

    @Serial
    private static final long serialVersionUID = 1L;

    public OutboxFullException(String integration, long capacity, GuardException cause) {
        super(integration, "call to %s neither made nor parked: its outbox holds %d calls, its cap (%s)"
                .formatted(integration, capacity, cause.getMessage()), cause);
    }
}
