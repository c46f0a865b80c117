package dev.selfheal.demo.sim.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.BadRequest;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.fault.Fault;
import dev.selfheal.demo.sim.fault.FaultController;
import dev.selfheal.demo.sim.fault.FaultJson;
import dev.selfheal.demo.sim.fault.FaultMode;
import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.time.InstantSource;

/**
 * {@code /_admin}: fault injection, the idempotency ledger and process stats. These routes
 * are never subject to faults (a hang leaves them answering, so the hang can be lifted);
 * only a crash, which ends the process, takes them down.
 */
public final class AdminRoutes {

    public static final String PREFIX = "/_admin";
    private static final long MIB = 1024L * 1024L;

    private final String apiName;
    private final FaultController faults;
    private final ApplicationLedger ledger;
    private final RequestStats stats;
    private final InstantSource clock;
    private final Instant startedAt;

    public AdminRoutes(String apiName, FaultController faults, ApplicationLedger ledger, RequestStats stats, InstantSource clock) {
        this.apiName = apiName;
        this.faults = faults;
        this.ledger = ledger;
        this.stats = stats;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public void register(Javalin app) {
        app.get(PREFIX + "/health", ctx -> ctx.json(SimJson.object().put("status", "up").put("api", apiName)));
        app.get(PREFIX + "/faults", this::listFaults);
        app.post(PREFIX + "/faults", this::inject);
        app.delete(PREFIX + "/faults", ctx -> {
            ArrayNode cleared = SimJson.MAPPER.createArrayNode();
            faults.clearAll().forEach(mode -> cleared.add(mode.wireName()));
            ctx.json(SimJson.object().set("cleared", cleared));
        });
        app.delete(PREFIX + "/faults/{mode}", this::clearOne);
        app.get(PREFIX + "/applications", this::applications);
        app.get(PREFIX + "/stats", this::stats);
    }

    private void listFaults(Context ctx) {
        ArrayNode list = SimJson.MAPPER.createArrayNode();
        for (FaultController.Active active : faults.active()) {
            ObjectNode node = FaultJson.render(active.fault());
            node.put("since", active.since().toString());
            active.until().ifPresent(until -> node.put("until", until.toString()));
            node.put("requests_seen", active.requestsSeen());
            list.add(node);
        }
        ctx.json(SimJson.object().put("api", apiName).set("faults", list));
    }

    private void inject(Context ctx) {
        long defaultMaxMib = Math.max(1, Runtime.getRuntime().maxMemory() * 6 / 10 / MIB);
        Fault fault = FaultJson.parse(SimJson.parse(ctx.body(), "POST /_admin/faults"), defaultMaxMib);
        faults.inject(fault);
        ObjectNode answer = SimJson.object().put("api", apiName);
        answer.set("injected", FaultJson.render(fault));
        ctx.status(fault instanceof Fault.Crash ? 202 : 201).json(answer);
    }

    private void clearOne(Context ctx) {
        String name = ctx.pathParam("mode");
        FaultMode mode = FaultMode.byWireName(name).orElseThrow(() -> new BadRequest(
                "DELETE /_admin/faults/{mode}: unknown mode \"" + name + "\", expected one of: " + FaultMode.wireNames()));
        boolean was = faults.clear(mode);
        ctx.json(SimJson.object().put("mode", mode.wireName()).put("was_active", was));
    }

    private void applications(Context ctx) {
        String onlyKey = ctx.queryParam("key");
        ArrayNode list = SimJson.MAPPER.createArrayNode();
        long appliedTwice = 0;
        for (ApplicationLedger.Application a : ledger.applications()) {
            if (a.applied() > 1) {
                appliedTwice++;
            }
            if (onlyKey != null && !onlyKey.equals(a.key())) {
                continue;
            }
            ObjectNode node = list.addObject()
                    .put("key", a.key())
                    .put("operation", a.operation())
                    .put("applied", a.applied())
                    .put("requests", a.requests());
            putTime(node, "first_applied_at", a.firstAppliedAt());
            putTime(node, "last_applied_at", a.lastAppliedAt());
            putTime(node, "last_seen_at", a.lastSeenAt());
        }
        ObjectNode answer = SimJson.object()
                .put("api", apiName)
                .put("idempotency", ledger.mode().name().toLowerCase())
                .put("keys", ledger.applications().size())
                .put("applied_more_than_once", appliedTwice)
                .put("unkeyed_applications", ledger.unkeyedApplications());
        answer.set("applications", list);
        ctx.json(answer);
    }

    private void stats(Context ctx) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode byStatus = SimJson.object();
        stats.byStatus().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        ObjectNode answer = SimJson.object()
                .put("api", apiName)
                .put("pid", ProcessHandle.current().pid())
                .put("started_at", startedAt.toString())
                .put("uptime_ms", clock.instant().toEpochMilli() - startedAt.toEpochMilli())
                .put("requests_total", stats.total())
                .put("heap_used_bytes", heap.getUsed())
                .put("heap_committed_bytes", heap.getCommitted())
                .put("heap_max_bytes", heap.getMax())
                .put("retained_bytes", faults.retainedBytes())
                .put("threads", Thread.activeCount());
        answer.set("requests_by_status", byStatus);
        ctx.json(answer);
    }

    private static void putTime(ObjectNode node, String field, Instant at) {
        if (at == null) {
            node.putNull(field);
        } else {
            node.put(field, at.toString());
        }
    }
}
