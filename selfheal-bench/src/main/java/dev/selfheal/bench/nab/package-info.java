/** {@code bench nab}: the anomaly detectors on the Numenta Anomaly Benchmark corpus, scored as NAB scores them, with throughput and memory per series. */
package dev.selfheal.bench.nab;
