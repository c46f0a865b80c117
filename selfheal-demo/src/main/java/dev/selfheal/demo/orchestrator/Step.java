package dev.selfheal.demo.orchestrator;

/** What the pipeline does for each pull-request event, in order; each step is one call to one integration. */
public enum Step {
    LINEAR_ISSUE("linear"),
    SLACK_MESSAGE("slack"),
    CODEGEN_RUN("codegen"),
    GITHUB_COMMENT("github");

    private final String integration;

    Step(String integration) {
        this.integration = integration;
    }

    public String integration() {
        return integration;
    }

    /** The idempotency key of this step of {@code eventId}: the same on every attempt and every replay. */
    public String key(String eventId) {
        return eventId + ":" + integration;
    }
}
