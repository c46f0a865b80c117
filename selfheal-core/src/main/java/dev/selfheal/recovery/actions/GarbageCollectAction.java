package dev.selfheal.recovery.actions;

import dev.selfheal.process.CommandOutcome;
import dev.selfheal.process.CommandRunner;
import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code garbage_collect}: for a component registered with a pid supplier, runs
 * {@code jcmd <pid> GC.run} against that JVM; otherwise collects in this process and reports the
 * heap before and after.
 */
public final class GarbageCollectAction implements RecoveryAction {

    private final Registered<LongSupplier> jvms = new Registered<>("JVM pid");
    private final String jcmd;

    public GarbageCollectAction() {
        this("jcmd");
    }

    /** @param jcmd the jcmd executable (a path when it is not on the PATH) */
    public GarbageCollectAction(String jcmd) {
        this.jcmd = jcmd;
    }

    /** The component runs in another JVM whose pid {@code pid} tells (it may change on restart). */
    public GarbageCollectAction registerJvm(String component, LongSupplier pid) {
        jvms.put(component, pid);
        return this;
    }

    @Override public String name() { return "garbage_collect"; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(30); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        var remote = jvms.get(context.component());
        if (remote.isPresent()) {
            long pid = remote.get().getAsLong();
            CommandOutcome outcome = CommandRunner.run(CommandSpec.of(Duration.ofSeconds(25), jcmd, Long.toString(pid), "GC.run"));
            Map<String, String> details = Map.of("pid", Long.toString(pid), "exit_code", Integer.toString(outcome.exitCode()));
            return outcome.succeeded()
                    ? ActionResult.ok("jcmd %d GC.run: %s".formatted(pid, outcome.output()), details)
                    : ActionResult.failed("jcmd %d GC.run failed (exit %d): %s".formatted(pid, outcome.exitCode(), outcome.output()), details);
        }
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.gc();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return ActionResult.ok("collected in process: heap used %d MiB -> %d MiB".formatted(before.getUsed() >> 20, after.getUsed() >> 20),
                Map.of("heap_used_before", Long.toString(before.getUsed()), "heap_used_after", Long.toString(after.getUsed())));
    }
}
