/** {@code selfheal demo}: starts the simulators, the Contexten-like orchestrator and a selfheal daemon watching them, with an optional seeded chaos schedule. */
package dev.selfheal.demo.cli;
