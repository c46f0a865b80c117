package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;

/** Adds capacity somewhere: a command (e.g. {@code kubectl scale}) or an HTTP hook. */
@FunctionalInterface
public interface Scaler {
    ActionResult scale(ActionContext context) throws Exception;
}
