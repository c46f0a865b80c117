/** The {@code selfheal} command line: one picocli entry point over the daemon, demo, simulator and bench commands. */
package dev.selfheal.cli;
