/**
 * A Contexten-like orchestrator, the thing selfheal keeps running in the demo: it routes pull
 * request events to Linear, Slack and Codegen through guarded clients, keeps a ledger of each
 * event's steps, and parks what an integration cannot take in a durable outbox.
 */
package dev.selfheal.demo.orchestrator;
