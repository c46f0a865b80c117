/**
 * Simulators of the GitHub, Linear, Slack and Codegen APIs, run as separate processes, with
 * fault injection (errors, latency, hangs, rate limits, crashes, memory), an admin API to
 * drive the faults, and idempotent, durable answers. Described in {@code docs/simulators.md}.
 */
package dev.selfheal.demo.sim;
