package dev.selfheal.integrations.codegen;

import java.util.Objects;

/**
 * The Codegen API's paths. The defaults follow docs.codegen.com's API reference as the simulator
 * reads it; they are not certain (docs/simulators.md), so both can be changed.
 *
 * @param health   a cheap authenticated GET (default {@code /v1/users/me})
 * @param agentRun the "start an agent run" POST; {@code {org_id}} is replaced by the organization id
 *                 (default {@code /v1/organizations/{org_id}/agent/run})
 */
public record CodegenPaths(String health, String agentRun) {

    public static final CodegenPaths DEFAULTS = new CodegenPaths("/v1/users/me", "/v1/organizations/{org_id}/agent/run");

    public CodegenPaths {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(agentRun, "agentRun");
        if (!health.startsWith("/") || !agentRun.startsWith("/")) {
            throw new IllegalArgumentException("Codegen paths must start with '/', got " + health + " and " + agentRun);
        }
    }

    String agentRunFor(String organizationId) {
        return agentRun.replace("{org_id}", organizationId);
    }
}
