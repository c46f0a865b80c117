package dev.selfheal.recovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recovery action for engine tests whose settings and behaviour the test sets: the engine is
 * what is under test, and this is a real {@link RecoveryAction} it drives through the SPI.
 */
public final class ScriptedAction implements RecoveryAction {

    /** What the action does when executed. */
    @FunctionalInterface
    public interface Body {
        ActionResult run(ActionContext context) throws Exception;
    }

    private final String name;
    private Risk risk = Risk.LOW;
    private boolean critical;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration delayAfter = Duration.ZERO;
    private boolean idempotent;
    private Duration cooldown = Duration.ofMinutes(10);
    private String target;
    private volatile Body body = c -> ActionResult.ok("done");
    public final List<ActionContext> executions = new CopyOnWriteArrayList<>();

    public ScriptedAction(String name) {
        this.name = name;
    }

    public ScriptedAction risk(Risk value) { risk = value; return this; }
    public ScriptedAction critical(boolean value) { critical = value; return this; }
    public ScriptedAction timeout(Duration value) { timeout = value; return this; }
    public ScriptedAction delayAfter(Duration value) { delayAfter = value; return this; }
    public ScriptedAction idempotent(boolean value) { idempotent = value; return this; }
    public ScriptedAction cooldown(Duration value) { cooldown = value; return this; }
    public ScriptedAction target(String value) { target = value; return this; }
    public ScriptedAction does(Body value) { body = value; return this; }

    @Override public String name() { return name; }
    @Override public Risk risk() { return risk; }
    @Override public boolean critical() { return critical; }
    @Override public Duration timeout() { return timeout; }
    @Override public Duration delayAfter() { return delayAfter; }
    @Override public boolean idempotent() { return idempotent; }
    @Override public Duration cooldown() { return cooldown; }
    @Override public String target(ActionContext context) { return target != null ? target : context.component(); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        executions.add(context);
        return body.run(context);
    }
}
