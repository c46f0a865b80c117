/**
 * The daemon's REST API on Javalin: one {@code ...Routes} class per capability (health,
 * incidents, recovery, alerts, breakers, degradation, anomalies, audit, operations), the
 * Alertmanager webhook intake, and the JSON views they answer with. Every endpoint is
 * described in {@code docs/api.md}; secrets are masked in every answer.
 */
package dev.selfheal.server.api;
