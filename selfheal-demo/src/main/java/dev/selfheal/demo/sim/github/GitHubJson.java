package dev.selfheal.demo.sim.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;

/** Shapes GitHub's REST answers share: a user, an error message. */
final class GitHubJson {

    static final String DOCS = "https://docs.github.com/rest";

    private GitHubJson() {
    }

    static ObjectNode user(String login, long id) {
        return SimJson.object()
                .put("login", login)
                .put("id", id)
                .put("node_id", "U_sim" + id)
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4")
                .put("url", "https://api.github.com/users/" + login)
                .put("html_url", "https://github.com/" + login)
                .put("type", login.endsWith("-bot") ? "Bot" : "User")
                .put("site_admin", false);
    }

    /** GitHub's error body: {@code {"message": ..., "documentation_url": ..., "status": "404"}}. */
    static ObjectNode error(String message, String documentationUrl, int status) {
        return SimJson.object().put("message", message).put("documentation_url", documentationUrl).put("status", String.valueOf(status));
    }
}
