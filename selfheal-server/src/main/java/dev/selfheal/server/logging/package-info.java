/** Logback pieces of the daemon's structured logging: secrets are masked before a line is written. */
package dev.selfheal.server.logging;
