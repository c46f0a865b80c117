package dev.selfheal.cluster;

import java.util.Objects;
import java.util.UUID;

/**
 * One running node: its configured id, an instance id that is new on every start (so that a
 * second process started with the same node id by mistake never shares the first one's lease),
 * and the address its API answers on.
 */
public record Node(String id, String instance, String address) {

    public Node {
        Objects.requireNonNull(id, "node id");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(address, "address");
        if (id.isBlank() || id.length() > 128) {
            throw new IllegalArgumentException("node id must be 1 to 128 characters, got '%s'".formatted(id));
        }
    }

    /** A node with a fresh instance id. */
    public static Node started(String id, String address) {
        return new Node(id, UUID.randomUUID().toString(), address);
    }
}
