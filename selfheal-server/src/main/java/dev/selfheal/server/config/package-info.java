/**
 * The YAML config file: read with SnakeYAML's nodes so that every problem names its key path,
 * line and column ({@link dev.selfheal.server.config.MappingReader}), turned into immutable,
 * validated records per section (checks, services, healing, integrations, alerting,
 * performance, security, store, server), with {@code ${ENV}} substitution, secrets that never
 * print, and a dump back to YAML for {@code check-config --print} and {@code GET /api/config}
 * that Jackson writes from the records themselves ({@link dev.selfheal.server.config.ConfigDump}).
 * Every key is described in {@code docs/config.md}.
 */
package dev.selfheal.server.config;
