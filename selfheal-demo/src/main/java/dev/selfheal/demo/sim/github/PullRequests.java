package dev.selfheal.demo.sim.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.fault.SeededDraws;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The simulated pull requests: numbers 1 to {@link #COUNT} exist in every repository,
 * each generated from (seed, owner/repo, number), so the same seed always shows the same
 * pull request. Fields follow GitHub's "Get a pull request" response (the commonly read ones).
 */
final class PullRequests {

    static final int COUNT = 1000;
    private static final List<String> TITLES = List.of("Fix flaky retry in webhook handler", "Add rate-limit headers to client",
            "Bump Jackson to 2.23", "Refactor incident merge window", "Handle 429 from Slack", "Document the outbox replay");
    private static final List<String> AUTHORS = List.of("octocat", "hubot", "monalisa", "selfheal-bot");
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final SeededDraws draws;

    PullRequests(long seed) {
        this.draws = new SeededDraws(seed);
    }

    static boolean exists(int number) {
        return number >= 1 && number <= COUNT;
    }

    Optional<ObjectNode> find(String baseUrl, String owner, String repo, String numberText) {
        int number;
        try {
            number = Integer.parseInt(numberText);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!exists(number)) {
            return Optional.empty();
        }
        long stream = (owner + "/" + repo).hashCode();
        long id = 1_000_000L + Math.abs(stream % 100_000) * COUNT + number;
        String title = TITLES.get(draws.below(stream, number * 4L, TITLES.size()));
        String author = AUTHORS.get(draws.below(stream, number * 4L + 1, AUTHORS.size()));
        boolean open = draws.unit(stream, number * 4L + 2) < 0.7;
        Instant created = EPOCH.plusSeconds(number * 3600L);
        String repoUrl = baseUrl + "/repos/" + owner + "/" + repo;
        String htmlUrl = "https://github.com/" + owner + "/" + repo + "/pull/" + number;

        ObjectNode pr = SimJson.object()
                .put("url", repoUrl + "/pulls/" + number)
                .put("id", id)
                .put("node_id", "PR_sim" + id)
                .put("html_url", htmlUrl)
                .put("diff_url", htmlUrl + ".diff")
                .put("patch_url", htmlUrl + ".patch")
                .put("issue_url", repoUrl + "/issues/" + number)
                .put("comments_url", repoUrl + "/issues/" + number + "/comments")
                .put("number", number)
                .put("state", open ? "open" : "closed")
                .put("locked", false)
                .put("title", title)
                .put("body", "Simulated pull request " + number + " of " + owner + "/" + repo + ".")
                .put("created_at", created.toString())
                .put("updated_at", created.plusSeconds(600).toString());
        pr.set("user", GitHubJson.user(author, 1000 + author.length()));
        if (open) {
            pr.putNull("closed_at").putNull("merged_at");
        } else {
            pr.put("closed_at", created.plusSeconds(7200).toString()).put("merged_at", created.plusSeconds(7200).toString());
        }
        pr.set("head", ref(owner, repo, "feature/pr-" + number, sha(stream, number * 4L + 3)));
        pr.set("base", ref(owner, repo, "main", sha(stream, number * 4L + 5)));
        pr.put("draft", false)
                .put("merged", !open)
                .put("mergeable", open)
                .put("mergeable_state", open ? "clean" : "unknown")
                .put("comments", 0)
                .put("review_comments", 0)
                .put("commits", 1 + number % 5)
                .put("additions", 10 + number % 90)
                .put("deletions", number % 30)
                .put("changed_files", 1 + number % 7)
                .put("author_association", "CONTRIBUTOR");
        return Optional.of(pr);
    }

    private ObjectNode ref(String owner, String repo, String branch, String sha) {
        ObjectNode ref = SimJson.object().put("label", owner + ":" + branch).put("ref", branch).put("sha", sha);
        ref.set("user", GitHubJson.user(owner, 1));
        ref.set("repo", SimJson.object().put("name", repo).put("full_name", owner + "/" + repo).put("private", false));
        return ref;
    }

    private String sha(long stream, long index) {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) draws.below(stream, index * 31 + i, 256);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
