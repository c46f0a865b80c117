package dev.selfheal.demo.orchestrator;

import dev.selfheal.integrations.codegen.CodegenClient;
import dev.selfheal.integrations.github.GitHubClient;
import dev.selfheal.integrations.linear.LinearClient;
import dev.selfheal.integrations.slack.SlackClient;
import dev.selfheal.resilience.GuardRegistry;

/** The four clients the pipeline calls, and the guards they call through. */
public record Integrations(GuardRegistry guards, LinearClient linear, SlackClient slack, CodegenClient codegen, GitHubClient github) {
}
