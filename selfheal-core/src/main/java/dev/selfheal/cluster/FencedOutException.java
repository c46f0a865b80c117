package dev.selfheal.cluster;

/**
 * A write refused because its fencing token is no longer current: this node was deposed (its
 * lease lapsed, e.g. during a long pause, and another node took it). The writer must stop
 * acting; nothing of the refused write was stored.
 */
public final class FencedOutException extends RuntimeException {

    public FencedOutException(String message) {
        super(message);
    }
}
