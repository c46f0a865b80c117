package dev.selfheal.demo.sim.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Linear's data as the simulator knows it: the viewer, the team, and issues numbered ENG-1, ENG-2, ... */
final class LinearIssues {

    static final String TEAM_KEY = "ENG";

    private final InstantSource clock;
    private final long seed;
    private final AtomicLong numbers;
    private final AtomicLong syncIds;

    LinearIssues(InstantSource clock, long seed, long alreadyCreated) {
        this.clock = clock;
        this.seed = seed;
        this.numbers = new AtomicLong(alreadyCreated);
        this.syncIds = new AtomicLong(1000 + alreadyCreated);
    }

    ObjectNode viewer() {
        return SimJson.object()
                .put("__typename", "User")
                .put("id", uuid("viewer"))
                .put("name", "Selfheal Simulator")
                .put("displayName", "selfheal")
                .put("email", "selfheal-sim@example.com")
                .put("active", true)
                .put("admin", false)
                .put("url", "https://linear.app/selfheal-sim/profiles/selfheal")
                .put("createdAt", "2026-01-01T00:00:00.000Z");
    }

    /** The payload of {@code issueCreate} as it would look, for validating a selection before anything is created. */
    ObjectNode samplePayload() {
        return payload(issue(0, uuid("sample"), SimJson.object().put("teamId", uuid("team")).put("title", "")), 0);
    }

    ObjectNode create(ObjectNode input) {
        long number = numbers.incrementAndGet();
        String id = input.hasNonNull("id") ? input.get("id").asText() : uuid("issue-" + number);
        return payload(issue(number, id, input), syncIds.incrementAndGet());
    }

    private ObjectNode payload(ObjectNode issue, long syncId) {
        ObjectNode payload = SimJson.object().put("__typename", "IssuePayload").put("success", true).put("lastSyncId", syncId);
        payload.set("issue", issue);
        return payload;
    }

    private ObjectNode issue(long number, String id, ObjectNode input) {
        String title = input.path("title").asText("");
        String identifier = TEAM_KEY + "-" + number;
        String now = Instant.ofEpochMilli(clock.millis()).toString();
        ObjectNode issue = SimJson.object()
                .put("__typename", "Issue")
                .put("id", id)
                .put("identifier", identifier)
                .put("number", number)
                .put("title", title)
                .put("url", "https://linear.app/selfheal-sim/issue/" + identifier + "/" + slug(title))
                .put("priority", input.path("priority").asInt(0))
                .put("createdAt", now)
                .put("updatedAt", now);
        JsonNode description = input.get("description");
        issue.set("description", description == null ? SimJson.MAPPER.nullNode() : description);
        issue.putObject("team").put("__typename", "Team").put("id", input.path("teamId").asText())
                .put("key", TEAM_KEY).put("name", "Engineering");
        issue.putObject("state").put("__typename", "WorkflowState").put("id", uuid("state-todo")).put("name", "Todo").put("type", "unstarted");
        return issue;
    }

    private String uuid(String name) {
        return UUID.nameUUIDFromBytes((seed + ":" + name).getBytes()).toString();
    }

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
