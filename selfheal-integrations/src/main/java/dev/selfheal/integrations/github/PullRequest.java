package dev.selfheal.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of a GitHub pull request the orchestrator uses. */
public record PullRequest(int number, String state, String title, String author, String headSha, String htmlUrl, boolean merged) {

    static PullRequest from(JsonNode pr) {
        return new PullRequest(pr.path("number").asInt(), pr.path("state").asText(), pr.path("title").asText(),
                pr.path("user").path("login").asText(), pr.path("head").path("sha").asText(), pr.path("html_url").asText(),
                pr.path("merged").asBoolean(false));
    }
}
