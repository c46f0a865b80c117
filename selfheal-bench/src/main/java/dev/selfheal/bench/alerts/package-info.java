/**
 * {@code bench alerts}: an alert storm through the whole pipeline on virtual time against a
 * bare dedup map, and the demo under its chaos schedule for real: raw alerts against
 * notifications, and whether every incident that needed a person was told.
 */
package dev.selfheal.bench.alerts;
