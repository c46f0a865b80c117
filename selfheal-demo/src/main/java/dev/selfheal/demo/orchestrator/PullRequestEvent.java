package dev.selfheal.demo.orchestrator;

import java.time.Instant;

/**
 * A GitHub pull-request event, as a webhook delivers it (or the generator makes it).
 *
 * @param id     the delivery id ({@code X-GitHub-Delivery}); the root of every step's idempotency key
 */
public record PullRequestEvent(String id, String repository, int number, String title, String author, Instant at) {

    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    public String repo() {
        return repository.substring(repository.indexOf('/') + 1);
    }
}
