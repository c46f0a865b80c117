/**
 * The JDBC implementations of core's store interfaces, on SQLite (the default: one file, no
 * server) or PostgreSQL (several nodes): {@link dev.selfheal.store.jdbc.Database} opens the
 * pool and migrates the schema with Flyway (one migration set, {@code db/migration/common},
 * with placeholders per dialect; {@code db/migration/README.md} says how to add one), and
 * one {@code Jdbc...Store} per interface: health history, outbox, incidents, recovery journal,
 * effectiveness, alerts.
 *
 * <p>Each store passes the contract test kit of its interface (in core's test jar), against a
 * real SQLite file and the real PostgreSQL server.
 */
package dev.selfheal.store.jdbc;
