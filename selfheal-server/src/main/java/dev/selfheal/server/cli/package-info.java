/** The daemon's picocli commands: {@code run} (start the daemon) and {@code check-config}. */
package dev.selfheal.server.cli;
