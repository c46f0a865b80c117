package dev.selfheal.demo.sim.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.fault.SeededDraws;
import dev.selfheal.demo.sim.idempotency.StoredAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent runs: each is ACTIVE for a seeded 2-8 s after it starts, then COMPLETE. Status
 * is computed from the clock when asked, so nothing runs in the background; a restarted
 * simulator rebuilds its runs from the ledger's stored answers.
 */
final class AgentRuns {

    static final String ACTIVE = "ACTIVE";
    static final String COMPLETE = "COMPLETE";
    private static final long FIRST_ID = 10_000;

    private record Run(long id, long organizationId, Instant createdAt, Duration length) { }

    private final InstantSource clock;
    private final SeededDraws draws;
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(FIRST_ID);

    AgentRuns(InstantSource clock, long seed, List<StoredAnswer> history) {
        this.clock = clock;
        this.draws = new SeededDraws(seed);
        for (StoredAnswer answer : history) {
            JsonNode body = SimJson.parse(answer.body(), "stored agent run");
            long id = body.get("id").asLong();
            runs.put(id, new Run(id, body.get("organization_id").asLong(), Instant.parse(body.get("created_at").asText()), length(id)));
            ids.accumulateAndGet(id, Math::max);
        }
    }

    ObjectNode start(long organizationId, String baseUrl) {
        long id = ids.incrementAndGet();
        Run run = new Run(id, organizationId, clock.instant().truncatedTo(ChronoUnit.MILLIS), length(id));
        runs.put(id, run);
        return view(run, baseUrl);
    }

    Optional<ObjectNode> find(long organizationId, long id, String baseUrl) {
        return Optional.ofNullable(runs.get(id)).filter(run -> run.organizationId == organizationId).map(run -> view(run, baseUrl));
    }

    private Duration length(long id) {
        return Duration.ofMillis(2000 + draws.below(7, id, 6000));
    }

    private ObjectNode view(Run run, String baseUrl) {
        boolean done = !clock.instant().isBefore(run.createdAt.plus(run.length));
        ObjectNode node = SimJson.object()
                .put("id", run.id)
                .put("organization_id", run.organizationId)
                .put("status", done ? COMPLETE : ACTIVE)
                .put("created_at", run.createdAt.toString())
                .put("web_url", "https://codegen.com/agent/trace/" + run.id)
                .put("source_type", "API");
        if (done) {
            node.put("result", "Simulated agent run " + run.id + " finished.");
        } else {
            node.putNull("result");
        }
        node.putArray("github_pull_requests");
        node.putNull("metadata");
        return node;
    }
}
