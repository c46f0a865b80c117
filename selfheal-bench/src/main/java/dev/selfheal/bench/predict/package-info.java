/**
 * {@code selfheal bench predict}: generated resources that leak, fill and drain (and normal ones
 * that cycle, collect and burst), forecast by the exhaustion predictor and, in the same run on
 * the same readings, by a Prometheus-style {@code predict_linear} rule and a static threshold.
 */
package dev.selfheal.bench.predict;
