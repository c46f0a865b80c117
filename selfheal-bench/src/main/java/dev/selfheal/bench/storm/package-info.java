/** {@code bench storm}: supervised workers killed while clients flood the Alertmanager ingest; restart p95 against a quiet phase of the same run, RSS, accepted/refused, lost. */
package dev.selfheal.bench.storm;
