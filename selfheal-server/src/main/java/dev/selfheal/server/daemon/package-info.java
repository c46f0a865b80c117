/**
 * The daemon: {@link dev.selfheal.server.daemon.Daemon} builds core's capabilities from the
 * config and wires them together (checks, guards, healing, alerting, performance, history
 * stores, supervised services), starts the API and stops everything in order.
 */
package dev.selfheal.server.daemon;
