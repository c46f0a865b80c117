package dev.selfheal.resilience;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

/** A guard was asked for an integration that has none. */
public class UnknownIntegrationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String integration;

    public UnknownIntegrationException(String integration, Collection<String> configured) {
        super("no guard for integration '%s'; configured integrations: %s"
                .formatted(integration, configured.isEmpty() ? "(none)" : List.copyOf(configured)));
        this.integration = integration;
    }

    public String integration() {
        return integration;
    }
}
