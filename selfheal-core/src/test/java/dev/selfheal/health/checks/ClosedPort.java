package dev.selfheal.health.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port that nothing listens on: taken from the OS, then given back. */
final class ClosedPort {

    private ClosedPort() { }

    static int find() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
